/// A shell script run by path: `bash scripts/ci.sh`, `sh -e x.sh`, `./run_tests.sh`, `source env.sh`, `. env.sh`.
/// The script runs in the caller's directory; a script whose first line names another interpreter is not shell.
enum ShellScriptFollower: CommandFollower {
    static let name = "shell script"
    static let runsInCallerDirectory = true

    private static let shells: Set<String> = ["sh", "bash", "zsh", "dash", "ksh", "ash", "source", "."]

    static func request(for command: ShellCommand) -> FollowRequest? {
        if shells.contains(command.program) {
            // `bash -e x.sh`: the first word that is not an option is the script.
            // `bash -o pipefail x.sh`: `-o`, `+o` and `-O` take the option name that follows.
            var arguments = command.arguments[...]
            var script: String?
            while let word = arguments.popFirst() {
                if ["-o", "+o", "-O", "+O"].contains(word) { arguments = arguments.dropFirst(); continue }
                if word.hasPrefix("-") || word.hasPrefix("+") { continue }
                script = word
                break
            }
            guard let script, isPath(script) else { return nil }
            // `source name` without a slash looks on the PATH first.
            let sourced = (command.program == "source" || command.program == ".") && !script.contains("/")
            return FollowRequest(candidates: [normalized(script)], optional: sourced)
        }
        guard let program = command.words.first, program.contains("/"), isPath(program) else { return nil }
        return FollowRequest(candidates: [normalized(program)])
    }

    static func follow(_ names: [String], path: String, text: String) -> FollowResult? {
        if text.hasPrefix("#!") {
            let shebang = text.prefix { $0 != "\n" }
            let interpreter = shebang.split(whereSeparator: { $0 == " " || $0 == "/" }).last { $0 != "env" && !$0.hasPrefix("-") }
            guard let interpreter, shells.contains(String(interpreter)) || interpreter.hasSuffix("sh") else {
                return FollowResult(steps: [FollowedStep(.file(path), line: 1)])
            }
        } else if path.hasSuffix(".py") {
            return FollowResult(steps: [FollowedStep(.file(path), line: 1)])
        }
        return FollowResult(steps: [FollowedStep(.shell(text), line: 1)])
    }

    /// A word that can name a file in the repository: no variable, no absolute path.
    private static func isPath(_ word: String) -> Bool {
        !word.isEmpty && !word.hasPrefix("/") && !word.hasPrefix("~") && !word.contains("$") && !word.contains("*")
    }

    private static func normalized(_ path: String) -> String {
        path.hasPrefix("./") ? String(path.dropFirst(2)) : path
    }
}
