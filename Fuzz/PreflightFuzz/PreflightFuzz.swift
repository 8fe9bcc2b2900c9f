import Foundation
import PreflightAttestation
@_spi(Fuzzing) import PreflightKit

/// Drives `InputParsers` on untrusted bytes, built two ways.
///
/// `scripts/fuzz` builds it with `-sanitize=fuzzer,address -D FUZZING`: it hands control to libFuzzer, which feeds
/// generated inputs to the target named by PREFLIGHT_FUZZ_TARGET. A plain build replays files instead
/// (`preflight-fuzz TARGET FILE...`), which is how an input the fuzzer saved is reproduced and debugged.
@main
struct PreflightFuzz {
    static func main() {
        #if FUZZING
        let name = ProcessInfo.processInfo.environment["PREFLIGHT_FUZZ_TARGET"] ?? ""
        guard let kind = Target(name) else { usage("PREFLIGHT_FUZZ_TARGET must be one of") }
        target = kind
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { bytes, count in
            target.parse(bytes.map { Data(bytes: $0, count: count) } ?? Data())
            return 0
        })
        #else
        let arguments = CommandLine.arguments.dropFirst()
        guard let name = arguments.first, let kind = Target(name), arguments.count > 1 else {
            usage("usage: preflight-fuzz TARGET FILE..., TARGET one of")
        }
        for path in arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("cannot read \(path)\n".utf8))
                exit(1)
            }
            let start = Date()
            kind.parse(data)
            print(String(format: "%@: %.1f ms", path, Date().timeIntervalSince(start) * 1000))
        }
        #endif
    }

    static func usage(_ message: String) -> Never {
        let names = (InputParsers.Kind.allCases.map(\.rawValue) + ["envelope"]).joined(separator: ", ")
        FileHandle.standardError.write(Data("\(message): \(names)\n".utf8))
        exit(2)
    }
}

/// A parser of PreflightKit's inputs, or the signed-statement reader (which needs a key to check against).
enum Target {
    case input(InputParsers.Kind)
    case envelope

    init?(_ name: String) {
        if name == "envelope" { self = .envelope } else if let kind = InputParsers.Kind(rawValue: name) { self = .input(kind) } else { return nil }
    }

    func parse(_ data: Data) {
        switch self {
        case .input(let kind): InputParsers.parse(data, as: kind)
        // The key is made for each input: a key kept in a global is reported as a leak by LeakSanitizer.
        case .envelope: _ = try? ReadinessVerifier.verify(data, key: try! VerifyingKey(pem: Self.key), requirements: ReadinessRequirements())
        }
    }

    /// The RFC 8410 example key, which signed the seeds.
    static let key = "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n-----END PUBLIC KEY-----\n"
}

#if FUZZING
nonisolated(unsafe) private var target = Target.envelope

@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ testOneInput: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt
#endif
