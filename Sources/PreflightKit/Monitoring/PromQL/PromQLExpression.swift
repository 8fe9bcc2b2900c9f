/// What a PromQL expression reads: the metric names it selects and the functions and aggregation operators it
/// applies, found by a lexer, not a parser. Label names (in `{…}` and in `by`, `without`, `on`, `ignoring`,
/// `group_left`, `group_right` lists), keywords, durations, numbers, strings and comments are never metric names; a
/// `{__name__="x"}` or `{"x"}` selector reads `x`. Unbalanced brackets and odd bytes are read as far as they go: linear
/// in the input, never a failure.
package struct PromQLExpression: Sendable, Hashable {
    /// Metric names in the order first read, each once (a `__name__=~"…"` matcher contributes its regular expression).
    package private(set) var metrics: [String] = []
    /// Functions and aggregation operators applied, in the order first met, each once.
    package private(set) var functions: [String] = []

    /// Expressions longer than this are read up to it: no rule is that long.
    static let maxLength = 65_536

    package init(_ text: String) {
        var reader = Reader(bytes: Array(text.utf8.prefix(Self.maxLength)))
        reader.read()
        metrics = reader.metrics
        functions = reader.functions
    }

    /// Aggregation operators: applied like functions, and may take a `by`/`without` list before their argument.
    static let aggregations: Set<String> = [
        "sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values", "bottomk", "topk", "quantile",
        "limitk", "limit_ratio",
    ]
    /// Keywords followed by a list of label names in parentheses.
    static let labelListKeywords: Set<String> = ["by", "without", "on", "ignoring", "group_left", "group_right"]
    /// Other words that are never metric names (PromQL reads keywords case-insensitively).
    static let keywords: Set<String> = ["and", "or", "unless", "bool", "offset", "atan2", "inf", "nan", "start", "end",
                                        "smoothed", "anchored"]

    /// The PromQL functions (Prometheus 3), for rubric writers' names to be checked against.
    package static let knownFunctions: Set<String> = Set([
        "abs", "absent", "absent_over_time", "acos", "acosh", "asin", "asinh", "atan", "atanh", "avg_over_time", "ceil",
        "changes", "clamp", "clamp_max", "clamp_min", "cos", "cosh", "count_over_time", "day_of_month", "day_of_week",
        "day_of_year", "days_in_month", "deg", "delta", "deriv", "double_exponential_smoothing", "exp", "first_over_time",
        "floor", "histogram_avg", "histogram_count", "histogram_fraction", "histogram_quantile", "histogram_stddev",
        "histogram_stdvar", "histogram_sum", "holt_winters", "hour", "idelta", "increase", "info", "irate", "label_join",
        "label_replace", "last_over_time", "ln", "log10", "log2", "mad_over_time", "max_over_time", "min_over_time",
        "minute", "month", "pi", "predict_linear", "present_over_time", "quantile_over_time", "rad", "rate", "resets",
        "round", "scalar", "sgn", "sin", "sinh", "sort", "sort_by_label", "sort_by_label_desc", "sort_desc", "sqrt",
        "stddev_over_time", "stdvar_over_time", "sum_over_time", "tan", "tanh", "time", "timestamp", "ts_of_first_over_time",
        "ts_of_last_over_time", "ts_of_max_over_time", "ts_of_min_over_time", "vector", "year",
    ]).union(aggregations)

    /// One left-to-right pass over the bytes.
    private struct Reader {
        let bytes: [UInt8]
        var position = 0
        var metrics: [String] = []
        var functions: [String] = []
        var seen = Set<String>()

        mutating func read() {
            while position < bytes.count {
                let byte = bytes[position]
                switch byte {
                case UInt8(ascii: "#"): skipLine()
                case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "`"): _ = string()
                case UInt8(ascii: "{"): position += 1; selector()
                case UInt8(ascii: "["): skip(past: UInt8(ascii: "]"))
                case UInt8(ascii: "|"): logPipeline()
                case _ where Self.isDigit(byte) || (byte == UInt8(ascii: ".") && Self.isDigit(peek(1))): number()
                case _ where Self.isIdentifierStart(byte): word()
                default: position += 1
                }
            }
        }

        /// An identifier: a keyword, a function or aggregation applied, or a metric name.
        private mutating func word() {
            let name = identifier(colons: true)
            let lower = name.lowercased()
            if PromQLExpression.labelListKeywords.contains(lower) {
                skipSpace()
                if peek(0) == UInt8(ascii: "(") { skip(past: UInt8(ascii: ")")) }
                return
            }
            if PromQLExpression.keywords.contains(lower) { return }
            if PromQLExpression.aggregations.contains(lower) {
                add(lower, function: true)
                return
            }
            let before = position
            skipSpace()
            if peek(0) == UInt8(ascii: "(") {
                add(name, function: true)
            } else {
                position = before
                add(name, function: false)
            }
        }

        /// Inside `{…}`: label names and matchers; a `__name__` matcher's value or a bare string is the metric read.
        private mutating func selector() {
            var label: String?
            var matcher = false
            while position < bytes.count {
                let byte = bytes[position]
                switch byte {
                case UInt8(ascii: "}"): position += 1; return
                case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "`"):
                    let value = string()
                    if !matcher || label == "__name__" { add(value, function: false) }
                    label = nil
                    matcher = false
                case UInt8(ascii: "="), UInt8(ascii: "!"), UInt8(ascii: "~"):
                    matcher = true
                    position += 1
                case UInt8(ascii: ","):
                    label = nil
                    matcher = false
                    position += 1
                case _ where Self.isIdentifierStart(byte) && byte != UInt8(ascii: ":"): label = identifier(colons: false)
                default: position += 1
                }
            }
        }

        /// PromQL has no `|`: it starts a LogQL pipeline (`|= "error" | json | duration > 10s`) of filters, stages and
        /// label names, which runs to the range or the parenthesis that closes its selector. It reads no metric.
        private mutating func logPipeline() {
            while position < bytes.count, bytes[position] != UInt8(ascii: "["), bytes[position] != UInt8(ascii: ")") {
                let byte = bytes[position]
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "`") {
                    _ = string()
                } else {
                    position += 1
                }
            }
        }

        /// A quoted string's contents (escapes kept as written, except an escaped quote); the position ends past it.
        private mutating func string() -> String {
            let quote = bytes[position]
            position += 1
            var value: [UInt8] = []
            while position < bytes.count, bytes[position] != quote {
                if quote != UInt8(ascii: "`"), bytes[position] == UInt8(ascii: "\\"), position + 1 < bytes.count {
                    position += 1
                }
                value.append(bytes[position])
                position += 1
            }
            position += 1
            return String(decoding: value, as: UTF8.self)
        }

        /// A number or duration (`5m`, `1h30m`, `0x1f`, `1e-3`).
        private mutating func number() {
            while position < bytes.count, Self.isIdentifierByte(bytes[position]) || bytes[position] == UInt8(ascii: ".") {
                let byte = bytes[position]
                position += 1
                if (byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")),
                   peek(0) == UInt8(ascii: "-") || peek(0) == UInt8(ascii: "+") { position += 1 }
            }
        }

        private mutating func identifier(colons: Bool) -> String {
            let start = position
            while position < bytes.count, Self.isIdentifierByte(bytes[position]) || (colons && bytes[position] == UInt8(ascii: ":")) {
                position += 1
            }
            return String(decoding: bytes[start..<position], as: UTF8.self)
        }

        /// Moves past the next `end`, stepping over strings, or to the end of the input.
        private mutating func skip(past end: UInt8) {
            position += 1
            while position < bytes.count, bytes[position] != end {
                let byte = bytes[position]
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "`") { _ = string() } else { position += 1 }
            }
            position += 1
        }

        private mutating func skipLine() {
            while position < bytes.count, bytes[position] != UInt8(ascii: "\n") { position += 1 }
        }

        private mutating func skipSpace() {
            while position < bytes.count, bytes[position] == UInt8(ascii: " ") || (9...13).contains(bytes[position]) { position += 1 }
        }

        private func peek(_ offset: Int) -> UInt8 { position + offset < bytes.count ? bytes[position + offset] : 0 }

        /// Adds `name` once; the functions' names are kept apart from the metrics' by a prefix in `seen`.
        private mutating func add(_ name: String, function: Bool) {
            guard !name.isEmpty, seen.insert((function ? "(" : "") + name).inserted else { return }
            if function { functions.append(name) } else { metrics.append(name) }
        }

        static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        static func isIdentifierStart(_ byte: UInt8) -> Bool {
            (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":")
        }
        static func isIdentifierByte(_ byte: UInt8) -> Bool { isIdentifierStart(byte) && byte != UInt8(ascii: ":") || isDigit(byte) }
    }
}
