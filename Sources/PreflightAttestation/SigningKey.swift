import Crypto
import Foundation

/// A key that signs readiness statements: ECDSA P-256 (SHA-256) or Ed25519, read from PEM (SEC 1 or PKCS #8). Its text
/// is never printed or stored.
public enum SigningKey: Sendable {
    case p256(P256.Signing.PrivateKey)
    case ed25519(Curve25519.Signing.PrivateKey)

    /// Reads `--signing-key`: a PEM file's path, or `env:NAME` for a variable that holds the PEM text.
    public static func load(_ argument: String, environment: [String: String]) throws -> SigningKey {
        try SigningKey(pem: KeyText.read(argument, environment: environment, what: "signing key"))
    }

    public init(pem: String) throws {
        // `openssl ecparam -genkey` writes the curve's parameters before the key: the key is the block that counts.
        let blocks = try PEMBlock.all(pem)
        guard let block = blocks.first(where: { $0.label.hasSuffix("PRIVATE KEY") }) ?? blocks.first else {
            throw AttestationError.key("not a PEM key (no -----BEGIN line)")
        }
        switch block.label {
        case "EC PRIVATE KEY", "PRIVATE KEY":
            if let key = try? P256.Signing.PrivateKey(derRepresentation: block.der) { self = .p256(key); return }
            if block.label == "PRIVATE KEY", block.der.count == 48, block.der.starts(with: Self.ed25519PKCS8Prefix),
               let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: block.der.suffix(32)) {
                self = .ed25519(key)
                return
            }
            if (try? P384.Signing.PrivateKey(derRepresentation: block.der)) != nil || (try? P521.Signing.PrivateKey(derRepresentation: block.der)) != nil {
                throw AttestationError.key("the private key is on another curve (P-384 or P-521); sign with ECDSA P-256 or Ed25519")
            }
            throw AttestationError.key("the private key is neither ECDSA P-256 nor Ed25519 (an RSA key?)")
        case "ENCRYPTED PRIVATE KEY":
            throw AttestationError.key("the private key is encrypted; give it unencrypted through env:NAME from the CI's secret store (openssl pkey -in KEY)")
        case "RSA PRIVATE KEY":
            throw AttestationError.key("RSA keys are not supported; sign with ECDSA P-256 or Ed25519")
        default:
            throw AttestationError.key("a signing key is a PEM private key (EC PRIVATE KEY or PRIVATE KEY), not \(block.label)")
        }
    }

    public var publicKey: VerifyingKey {
        switch self {
        case .p256(let key): return .p256(key.publicKey)
        case .ed25519(let key): return .ed25519(key.publicKey)
        }
    }

    /// ECDSA signatures are DER-encoded, as securesystemslib, cosign and OpenSSL write them; Ed25519's are 64 bytes.
    public func sign(_ message: Data) throws -> Data {
        switch self {
        case .p256(let key): return try key.signature(for: message).derRepresentation
        case .ed25519(let key): return try key.signature(for: message)
        }
    }

    /// PKCS #8 for Ed25519 (RFC 8410) holds the 32-byte seed after this fixed header.
    static let ed25519PKCS8Prefix: [UInt8] = [0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20]
}

/// A key that checks readiness statements' signatures, read from a PEM public key (SubjectPublicKeyInfo).
public enum VerifyingKey: Sendable {
    case p256(P256.Signing.PublicKey)
    case ed25519(Curve25519.Signing.PublicKey)

    /// Reads `--key`: a PEM file's path, or `env:NAME`.
    public static func load(_ argument: String, environment: [String: String]) throws -> VerifyingKey {
        try VerifyingKey(pem: KeyText.read(argument, environment: environment, what: "key"))
    }

    public init(pem: String) throws {
        let blocks = try PEMBlock.all(pem)
        guard let block = blocks.first(where: { $0.label == "PUBLIC KEY" }) ?? blocks.first else {
            throw AttestationError.key("not a PEM key (no -----BEGIN line)")
        }
        guard block.label == "PUBLIC KEY" else {
            throw AttestationError.key("verification takes a PEM public key (BEGIN PUBLIC KEY), not \(block.label)")
        }
        if let key = try? P256.Signing.PublicKey(derRepresentation: block.der) { self = .p256(key); return }
        if let key = try? P256.Signing.PublicKey(compressedRepresentation: Self.subjectPublicKey(block.der)) { self = .p256(key); return }
        if block.der.count == 44, block.der.starts(with: Self.ed25519SPKIPrefix),
           let key = try? Curve25519.Signing.PublicKey(rawRepresentation: block.der.suffix(32)) {
            self = .ed25519(key)
            return
        }
        throw AttestationError.key("the public key is neither ECDSA P-256 nor Ed25519")
    }

    /// The key id securesystemslib gives the key by default (the sha256 of its canonical JSON), so that its
    /// `Envelope.verify` and in-toto match signatures to this key.
    public var keyID: String {
        let (type, scheme, value): (String, String, String)
        switch self {
        case .p256(let key): (type, scheme, value) = ("ecdsa", "ecdsa-sha2-nistp256", PEMBlock.encode("PUBLIC KEY", key.derRepresentation))
        case .ed25519(let key): (type, scheme, value) = ("ed25519", "ed25519", ArtifactDigest.hex(key.rawRepresentation))
        }
        // Canonical JSON escapes only `\` and `"`: the PEM's newlines stay as they are.
        func quoted(_ text: String) -> String {
            "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        let canonical = #"{"keytype":\#(quoted(type)),"keyval":{"public":\#(quoted(value))},"scheme":\#(quoted(scheme))}"#
        return ArtifactDigest.hex(SHA256.hash(data: Data(canonical.utf8)))
    }

    public var algorithm: String {
        switch self {
        case .p256: return "ECDSA P-256"
        case .ed25519: return "Ed25519"
        }
    }

    /// An ECDSA signature may be DER or the raw 64 bytes (r ‖ s).
    public func isValidSignature(_ signature: Data, for message: Data) -> Bool {
        switch self {
        case .p256(let key):
            if let der = try? P256.Signing.ECDSASignature(derRepresentation: signature), key.isValidSignature(der, for: message) { return true }
            if signature.count == 64, let raw = try? P256.Signing.ECDSASignature(rawRepresentation: signature) {
                return key.isValidSignature(raw, for: message)
            }
            return false
        case .ed25519(let key):
            return key.isValidSignature(signature, for: message)
        }
    }

    static let ed25519SPKIPrefix: [UInt8] = [0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00]

    /// The point of a P-256 SubjectPublicKeyInfo in compressed form (33 bytes at its end), for the keys swift-crypto's
    /// DER reader takes only uncompressed.
    static func subjectPublicKey(_ der: Data) -> Data {
        der.count == 59 ? der.suffix(33) : Data()
    }
}

/// The text of a key named on the command line: a file, or `env:NAME`.
enum KeyText {
    static let maxBytes = 64 << 10

    static func read(_ argument: String, environment: [String: String], what: String) throws -> String {
        // Key text given where a file name goes must not be echoed back into a job log.
        if argument.contains("-----BEGIN") || argument.contains("\n") {
            throw AttestationError.key("the \(what) argument looks like the key itself; give a file, or env:NAME for a variable that holds it")
        }
        if argument.hasPrefix("env:") {
            let name = String(argument.dropFirst(4))
            guard let text = environment[name], !text.isEmpty else { throw AttestationError.key("the \(what) variable \(name) is not set") }
            return text
        }
        // Read through a handle, at most one byte past the limit: a pipe (`<(…)`) has no size to ask first.
        guard let handle = FileHandle(forReadingAtPath: argument) else { throw AttestationError.key("the \(what) file \(argument) cannot be read") }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: maxBytes + 1) ?? Data() else {
            throw AttestationError.key("the \(what) file \(argument) cannot be read")
        }
        guard data.count <= maxBytes else { throw AttestationError.key("the \(what) file \(argument) is over \(maxBytes) bytes; a PEM key is a few hundred") }
        guard let text = String(data: data, encoding: .utf8) else { throw AttestationError.key("the \(what) file \(argument) is not text") }
        return text
    }
}

/// One PEM block: its label and the DER bytes of its base64 body.
struct PEMBlock {
    var label: String
    var der: Data

    /// Every block of a PEM text, in order (at most 8).
    static func all(_ text: String) throws -> [PEMBlock] {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        var blocks: [PEMBlock] = []
        var position = lines.startIndex
        while blocks.count < 8, let begin = lines[position...].firstIndex(where: { $0.hasPrefix("-----BEGIN ") && $0.hasSuffix("-----") }) {
            let label = String(lines[begin].dropFirst(11).dropLast(5))
            guard let end = lines[begin...].firstIndex(of: "-----END \(label)-----") else {
                throw AttestationError.key("the PEM block \(label) has no -----END line")
            }
            // Headers (`Proc-Type: …`) are not the body.
            let body = lines[(begin + 1)..<end].filter { !$0.contains(":") }.joined()
            guard let der = Data(base64Encoded: body), !der.isEmpty else { throw AttestationError.key("the PEM block \(label) is not base64") }
            blocks.append(PEMBlock(label: label, der: der))
            position = end + 1
        }
        return blocks
    }

    /// PEM as OpenSSL and Python's cryptography write it: 64 characters a line, a final newline.
    static func encode(_ label: String, _ der: Data) -> String {
        let body = der.base64EncodedString()
        var lines: [Substring] = []
        var rest = Substring(body)
        while !rest.isEmpty {
            lines.append(rest.prefix(64))
            rest = rest.dropFirst(64)
        }
        return "-----BEGIN \(label)-----\n" + lines.joined(separator: "\n") + "\n-----END \(label)-----\n"
    }
}
