import Foundation

/// A DSSE envelope (Dead Simple Signing Envelope, v1): a payload, its type, and signatures over the pre-authentication
/// encoding of the two, so that no signature can be moved to another type of payload.
public struct DSSEEnvelope: Sendable, Hashable, Codable {
    public struct Signature: Sendable, Hashable, Codable {
        /// A hint for which key signed; never trusted on its own.
        public var keyid: String
        public var sig: String
    }

    /// The payload, base64.
    public var payload: String
    public var payloadType: String
    public var signatures: [Signature]

    public static let inTotoPayloadType = "application/vnd.in-toto+json"
    /// An envelope, or a bundle of them, larger than this is refused before it is parsed.
    public static let maxBytes = 16 << 20
    /// More signatures than this is no statement of one team: refused before any is checked.
    public static let maxSignatures = 16

    /// PAE(type, body) = "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body, lengths in ASCII decimal bytes.
    public static func pae(type: String, body: Data) -> Data {
        var message = Data("DSSEv1 \(type.utf8.count) \(type) \(body.count) ".utf8)
        message.append(body)
        return message
    }

    /// `body` signed by `key`.
    public static func signed(_ body: Data, type: String = inTotoPayloadType, key: SigningKey) throws -> DSSEEnvelope {
        let signature = try key.sign(pae(type: type, body: body))
        return DSSEEnvelope(payload: body.base64EncodedString(), payloadType: type,
                            signatures: [Signature(keyid: key.publicKey.keyID, sig: signature.base64EncodedString())])
    }

    /// The payload's bytes when a signature verifies with `key`; each failure names what was wrong.
    public func verifiedPayload(key: VerifyingKey) throws -> Data {
        guard payloadType == Self.inTotoPayloadType else {
            throw AttestationError.invalid("payload type \(payloadType) is not \(Self.inTotoPayloadType)")
        }
        guard !signatures.isEmpty else { throw AttestationError.invalid("the envelope has no signature") }
        guard signatures.count <= Self.maxSignatures else {
            throw AttestationError.invalid("the envelope has \(signatures.count) signatures; at most \(Self.maxSignatures) are read")
        }
        // Repeats are compared as bytes: the same signature in URL-safe base64 is still the same.
        var seen = Set<Data>()
        var decoded: [Data] = []
        for (index, signature) in signatures.enumerated() {
            let bytes = try Self.base64(signature.sig, "signature \(index + 1)")
            guard seen.insert(bytes).inserted else { throw AttestationError.invalid("signature \(index + 1) repeats an earlier one") }
            decoded.append(bytes)
        }
        let body = try Self.base64(payload, "payload")
        let message = Self.pae(type: payloadType, body: body)
        for bytes in decoded where key.isValidSignature(bytes, for: message) { return body }
        throw AttestationError.invalid("no signature verifies with the \(key.algorithm) key \(key.keyID.prefix(16))… (another key signed it, or the payload was changed)")
    }

    /// DSSE allows standard and URL-safe base64, padded or not; nothing else.
    static func base64(_ text: String, _ what: String) throws -> Data {
        var standard = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        if standard.count % 4 != 0 { standard += String(repeating: "=", count: 4 - standard.count % 4) }
        guard let data = Data(base64Encoded: standard) else { throw AttestationError.invalid("the \(what) is not base64") }
        return data
    }
}

/// The file `gate --attest` writes: DSSE envelopes as JSON Lines, one a line (the in-toto attestation bundle format).
public enum AttestationBundle {
    public static let maxEnvelopes = 16

    public static func encode(_ envelopes: [DSSEEnvelope]) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = Data()
        for envelope in envelopes {
            data.append(try encoder.encode(envelope))
            data.append(0x0A)
        }
        return data
    }

    /// The envelopes of a bundle (or of a single envelope, pretty-printed or not); a hostile file is refused quickly.
    public static func decode(_ data: Data) throws -> [DSSEEnvelope] {
        guard data.count <= DSSEEnvelope.maxBytes else {
            throw AttestationError.invalid("the file is \(data.count) bytes; a readiness statement is at most \(DSSEEnvelope.maxBytes)")
        }
        let decoder = JSONDecoder()
        if let single = try? decoder.decode(DSSEEnvelope.self, from: data) { return [single] }
        // One JSON object over several lines (pretty-printed) is one envelope: say what is wrong with it.
        if (try? JSONSerialization.jsonObject(with: data)) is [String: Any] {
            do { return [try decoder.decode(DSSEEnvelope.self, from: data)] } catch {
                throw AttestationError.invalid("the file is not a DSSE envelope (payload, payloadType, signatures): \(Self.reason(error))")
            }
        }
        var envelopes: [DSSEEnvelope] = []
        for (number, line) in data.split(separator: 0x0A).enumerated() where !line.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) {
            guard envelopes.count < maxEnvelopes else { throw AttestationError.invalid("more than \(maxEnvelopes) envelopes") }
            do { envelopes.append(try decoder.decode(DSSEEnvelope.self, from: Data(line))) } catch {
                throw AttestationError.invalid("line \(number + 1) is not a DSSE envelope (payload, payloadType, signatures): \(Self.reason(error))")
            }
        }
        guard !envelopes.isEmpty else { throw AttestationError.invalid("the file holds no DSSE envelope") }
        return envelopes
    }

    static func reason(_ error: any Error) -> String {
        switch error as? DecodingError {
        case .keyNotFound(let key, _)?: return "\(key.stringValue) is missing"
        case .typeMismatch(_, let context)?, .valueNotFound(_, let context)?:
            return "\(context.codingPath.map(\.stringValue).joined(separator: ".")) has the wrong type"
        case .dataCorrupted?: return "not JSON"
        default: return "\(error)"
        }
    }
}
