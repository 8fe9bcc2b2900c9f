/// A command line's arguments split the way a CLI's option parser would: options (with the value they take),
/// positionals, and what follows `--`.
struct CommandArguments {
    var positionals: [String] = []
    var options: [(name: String, value: String?)] = []
    /// The words after `--`; nil when there is no `--`.
    var rest: [String]?

    /// `valued` names the options that take a value (`-f`, `--file`); `--file=x` and `-fx` are read too. With
    /// `stopAtPositional`, everything from the first positional on is positional (`docker compose run svc cmd…`).
    init(_ words: some Sequence<String>, valued: Set<String>, stopAtPositional: Bool = false) {
        var words = Array(words)[...]
        while let word = words.popFirst() {
            if word == "--" {
                rest = Array(words)
                return
            }
            if word.hasPrefix("--"), let equals = word.firstIndex(of: "=") {
                options.append((String(word[..<equals]), String(word[word.index(after: equals)...])))
            } else if valued.contains(word) {
                options.append((word, words.popFirst()))
            } else if word.hasPrefix("-"), !word.hasPrefix("--"), word.count > 2, valued.contains(String(word.prefix(2))) {
                options.append((String(word.prefix(2)), String(word.dropFirst(2))))
            } else if word.hasPrefix("-"), word.count > 1 {
                options.append((word, nil))
            } else {
                positionals.append(word)
                if stopAtPositional {
                    positionals += words
                    return
                }
            }
        }
    }

    /// The values given to any of `names`, in order.
    func values(_ names: Set<String>) -> [String] {
        options.compactMap { names.contains($0.name) ? $0.value : nil }
    }

    func has(_ names: Set<String>) -> Bool { options.contains { names.contains($0.name) } }
}
