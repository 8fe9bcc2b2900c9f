import Foundation
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
        guard let kind = InputParsers.Kind(rawValue: name) else { usage("PREFLIGHT_FUZZ_TARGET must be one of") }
        target = kind
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { bytes, count in
            InputParsers.parse(bytes.map { Data(bytes: $0, count: count) } ?? Data(), as: target)
            return 0
        })
        #else
        let arguments = CommandLine.arguments.dropFirst()
        guard let name = arguments.first, let kind = InputParsers.Kind(rawValue: name), arguments.count > 1 else {
            usage("usage: preflight-fuzz TARGET FILE..., TARGET one of")
        }
        for path in arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("cannot read \(path)\n".utf8))
                exit(1)
            }
            let start = Date()
            InputParsers.parse(data, as: kind)
            print(String(format: "%@: %.1f ms", path, Date().timeIntervalSince(start) * 1000))
        }
        #endif
    }

    static func usage(_ message: String) -> Never {
        let names = InputParsers.Kind.allCases.map(\.rawValue).joined(separator: ", ")
        FileHandle.standardError.write(Data("\(message): \(names)\n".utf8))
        exit(2)
    }
}

#if FUZZING
nonisolated(unsafe) private var target = InputParsers.Kind.rubric

@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ testOneInput: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt
#endif
