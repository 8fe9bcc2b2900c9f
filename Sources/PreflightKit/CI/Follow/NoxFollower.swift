/// `nox`, `nox -s tests lint`, `nox --session tests`, `nox -t tag`, `python -m nox`, `uvx nox`: what the sessions
/// of noxfile.py run (`session.run` calls as words), sessions they notify after them.
enum NoxFollower: CommandFollower {
    static let name = "nox"

    /// Options whose values are not sessions.
    private static let valued: Set<String> = ["-f", "--noxfile", "-p", "--python", "--pythons", "-k", "--keywords", "--envdir",
                                              "--extra-python", "--extra-pythons", "--force-python", "-P", "-db", "--default-venv-backend",
                                              "-fb", "--force-venv-backend", "--download-python"]
    private static let selecting: Set<String> = ["-s", "-e", "--session", "--sessions", "-t", "--tag", "--tags"]

    static func request(for command: ShellCommand) -> FollowRequest? {
        guard command.program == "nox" else { return nil }
        var names: [String] = []
        var file = "noxfile.py"
        var selection: String?
        var words = command.arguments[...]
        while let word = words.popFirst() {
            if word == "--" { break }
            if ["-l", "--list", "--list-sessions", "--json", "--usage", "-h", "--help", "--version"].contains(word) { return nil }
            let (option, attached) = word.hasPrefix("--") && word.contains("=")
                ? (String(word.prefix { $0 != "=" }), String(word.drop { $0 != "=" }.dropFirst())) : (word, nil)
            if selecting.contains(option) {
                selection = option
                if let attached { names.append(mark(attached, option)) }
                continue
            }
            if valued.contains(option) {
                let value = attached ?? words.popFirst()
                if option == "-f" || option == "--noxfile", let value { file = value }
                selection = nil
                continue
            }
            if word.hasPrefix("-") { selection = nil; continue }
            if let selection { names.append(mark(word, selection)) }
        }
        return FollowRequest(candidates: [file], names: names)
    }

    /// A tag asked for, as a name no session can be asked for by (`-s` cannot take a word starting with `--`).
    private static func mark(_ word: String, _ option: String) -> String {
        option.hasPrefix("-t") || option.hasPrefix("--tag") ? "--tags=" + word : word
    }

    static func follow(_ names: [String], path: String, text: String) -> FollowResult? {
        let noxfile = Noxfile(text)
        // One walk over every session asked, so that a session notified and also asked for runs once.
        let sessions = noxfile.select(names).map { $0.session ?? $0.asked }
        var result = noxfile.graph.resolve(sessions)
        result.problems = noxfile.problems + result.problems
        let directory = TaskFiles.directory(of: path)
        for index in result.steps.indices {
            if let stepDirectory = result.steps[index].directory { result.steps[index].directory = TaskFiles.join(directory, stepDirectory) }
        }
        return result
    }
}
