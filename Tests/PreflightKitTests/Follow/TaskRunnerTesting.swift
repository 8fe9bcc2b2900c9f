@testable import PreflightKit

/// The last simple command of `text`, as a follower receives it.
func followedCommand(_ text: String) -> ShellCommand {
    ShellCommandLine(text).commands.last!
}

/// What `follower` asks for on `text`.
func followRequest(_ follower: any CommandFollower.Type, _ text: String) -> FollowRequest? {
    follower.request(for: followedCommand(text))
}

extension FollowedStep {
    /// The step's shell text or words as one line, for compact expectations.
    var shown: String {
        switch action {
        case .shell(let text): return text
        case .words(let words): return "[" + words.joined(separator: " ") + "]"
        case .file(let path): return "file " + path
        }
    }
}
