@testable import PreflightKit

/// The command a CI step line is read as: its first simple command.
func command(_ line: String) -> ShellCommand {
    ShellCommandLine(line).commands[0]
}

/// The request `follower` makes for the step line `line`.
func request(_ follower: any CommandFollower.Type, _ line: String) -> FollowRequest? {
    follower.request(for: command(line))
}
