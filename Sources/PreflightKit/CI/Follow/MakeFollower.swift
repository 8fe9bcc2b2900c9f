/// `make test`, `make -C sub -f ci.mk lint`, `gmake`: the Makefile's targets, prerequisites first.
enum MakeFollower: CommandFollower {
    static let name = "make"

    static func request(for command: ShellCommand) -> FollowRequest? {
        guard command.program == "make" || command.program == "gmake" else { return nil }
        var local = command
        local.directory = nil   // the working directory is the resolver's; only `-C` counts here
        let call = Makefile.call(local)
        let directory = call.directory.map { $0 + "/" } ?? ""
        let files = call.file.map { [$0] } ?? ["GNUmakefile", "makefile", "Makefile"]
        return FollowRequest(candidates: files.map { directory + $0 }, names: call.targets)
    }

    static func read(path: String, text: String) -> Makefile { Makefile(text) }

    static func follow(_ names: [String], in makefile: Makefile, path: String) -> FollowResult? {
        RecipeFollowing.follow(names, in: makefile, problems: makefile.problems) { makefile.resolve($0) }
    }
}

/// `just test`, `just -f ci.just -d sub lint`: the justfile's recipes, dependencies first.
enum JustFollower: CommandFollower {
    static let name = "just"

    static func request(for command: ShellCommand) -> FollowRequest? {
        guard command.program == "just" else { return nil }
        var local = command
        local.directory = nil
        // Parameters cannot be told from recipe names before the justfile is read: `follow` sorts them out.
        guard let call = Justfile("").call(local) else { return nil }
        let directory = call.directory.map { $0 + "/" } ?? ""
        let files = call.file.map { [$0] } ?? ["justfile", "Justfile", ".justfile"]
        return FollowRequest(candidates: files.map { directory + $0 }, names: call.targets)
    }

    static func read(path: String, text: String) -> Justfile { Justfile(text) }

    static func follow(_ names: [String], in justfile: Justfile, path: String) -> FollowResult? {
        var recipes: [String] = []
        var words = names[...]
        while let word = words.popFirst() {
            recipes.append(word)
            if let recipe = justfile.recipe(named: justfile.aliases[word] ?? word) {
                words = recipe.isVariadic ? [] : words.dropFirst(recipe.parameterCount)
            }
        }
        return RecipeFollowing.follow(recipes, in: justfile, problems: justfile.problems) { justfile.resolve($0) }
    }
}

/// What the two recipe files share: each asked target resolved (the default one when none is asked), in order.
enum RecipeFollowing {
    static func follow(_ names: [String], in graph: some RecipeGraph, problems: [CommandProblem],
                       resolve: (String?) -> RecipeResolution) -> FollowResult {
        var result = FollowResult(problems: problems)
        for name in names.isEmpty ? [nil] : names.map(Optional.some) {
            let resolution = resolve(name)
            result.steps += resolution.lines.map { FollowedStep(.shell($0.line.text), line: $0.line.line, via: $0.chain) }
            result.problems += resolution.problems
            result.covered += resolution.lines.flatMap(\.chain)
        }
        result.covered = Array(Set(result.covered)).sorted()
        return result
    }
}
