/// Words written back as shell text that reads as the same words (exec-form commands given to the shell reader).
enum ShellQuoting {
    private static let plain = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:,+@%")

    /// `word` as one shell word: as it is when every character is plain, else in single quotes.
    static func quoted(_ word: String) -> String {
        if !word.isEmpty, word.allSatisfy(plain.contains) { return word }
        return "'" + word.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }

    static func line(_ words: [String]) -> String { words.map(quoted).joined(separator: " ") }
}
