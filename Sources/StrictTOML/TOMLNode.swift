/// A parsed TOML value and the line it starts on. Tables keep their keys in document order.
public indirect enum TOMLNode: Sendable {
    case table([(key: String, value: TOMLNode)], line: Int)
    case array([TOMLNode], line: Int)
    /// A string, number, boolean or date-time, as text: strings decoded, integers in decimal, floats as Swift prints
    /// them, booleans `true`/`false`, dates and times as RFC 3339 writes them.
    case scalar(String, line: Int)
}
