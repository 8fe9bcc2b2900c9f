import Crypto
import Foundation

/// A short, stable fingerprint of text (FNV-1a, 64 bits, hex): the same on every run and machine. It identifies
/// content (which rubric was in force, which finding is which); it is not a security hash.
public enum ContentHash {
    public static func of(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return String(format: "%016llx", hash)
    }

    /// The SHA-256 of text, hex: what a signed statement names content by.
    public static func sha256(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
