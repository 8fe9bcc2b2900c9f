/// Spots regular expressions whose matching time can explode on one long line: a repeated group that itself
/// repeats something, such as `(a+)+` or `(\w+\s?)*`. ICU backtracks, and `NSRegularExpression` offers no time
/// limit, so such a pattern is refused when the rubric loads.
enum BacktrackingRisk {
    /// The first group that repeats a repetition, as written, or nil.
    static func nestedRepetition(in source: String) -> String? {
        let characters = Array(source)
        var groups: [(start: Int, repeats: Bool)] = []
        var index = 0

        /// Length of the quantifier at `position` that allows more than one repetition (`*`, `+`, `{2,}`, `{1,9}`), or 0.
        func unboundedQuantifier(at position: Int) -> Int {
            guard position < characters.count else { return 0 }
            if characters[position] == "*" || characters[position] == "+" { return 1 }
            guard characters[position] == "{", let close = characters[position...].firstIndex(of: "}") else { return 0 }
            let bounds = String(characters[(position + 1)..<close]).split(separator: ",", omittingEmptySubsequences: false)
            guard bounds.count == 2, bounds.allSatisfy({ $0.isEmpty || Int($0) != nil }) else { return 0 }
            return (Int(bounds[1]) ?? Int.max) > 1 ? close - position + 1 : 0
        }

        while index < characters.count {
            switch characters[index] {
            case "\\":
                index += 2
                continue
            case "[":
                // A character class: skip to its closing bracket (a `]` right after `[` or `[^` is a literal).
                index += 1
                if index < characters.count, characters[index] == "^" { index += 1 }
                if index < characters.count, characters[index] == "]" { index += 1 }
                while index < characters.count, characters[index] != "]" { index += characters[index] == "\\" ? 2 : 1 }
            case "(":
                groups.append((index, false))
            case ")":
                guard let group = groups.popLast() else { break }
                let quantifier = unboundedQuantifier(at: index + 1)
                if quantifier > 0, group.repeats { return String(characters[group.start...(index + quantifier)]) }
                if (group.repeats || quantifier > 0), !groups.isEmpty { groups[groups.count - 1].repeats = true }
                index += quantifier
            default:
                let quantifier = unboundedQuantifier(at: index)
                if quantifier > 0, !groups.isEmpty { groups[groups.count - 1].repeats = true }
                index += max(quantifier - 1, 0)
            }
            index += 1
        }
        return nil
    }
}
