import Foundation

/// How a live source authenticates, named by environment variable: read only when a request is made, never shown.
/// Every text a source hands back (errors, notes) goes through `redact`, here and nowhere else.
public struct Credentials: Sendable, Hashable {
    /// A bearer token, by the variable that holds it.
    public var tokenEnv: String?
    /// HTTP basic authentication, by the variables that hold the user and password.
    public var basicAuth: BasicAuth?

    public struct BasicAuth: Sendable, Decodable, Hashable {
        public var userEnv: String
        public var passwordEnv: String

        enum CodingKeys: String, CodingKey, CaseIterable { case userEnv, passwordEnv }

        public init(userEnv: String, passwordEnv: String) {
            self.userEnv = userEnv
            self.passwordEnv = passwordEnv
        }

        public init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            userEnv = try container.decode(String.self, forKey: .userEnv)
            passwordEnv = try container.decode(String.self, forKey: .passwordEnv)
        }
    }

    public init(tokenEnv: String? = nil, basicAuth: BasicAuth? = nil) {
        self.tokenEnv = tokenEnv
        self.basicAuth = basicAuth
    }

    /// The `Authorization` header to send, nil when the source needs none, or why it cannot be sent.
    func authorization(in environment: [String: String]) -> Result<String?, EvidenceFailure> {
        if let name = tokenEnv {
            guard let token = environment[name], !token.isEmpty else {
                return .failure(EvidenceFailure(.refused, "\(name) is not set: no token to send"))
            }
            return .success("Bearer \(token)")
        }
        if let basic = basicAuth {
            guard let user = environment[basic.userEnv], let password = environment[basic.passwordEnv], !user.isEmpty, !password.isEmpty else {
                return .failure(EvidenceFailure(.refused, "\(basic.userEnv) or \(basic.passwordEnv) is not set: no credentials to send"))
            }
            return .success("Basic \(Data("\(user):\(password)".utf8).base64EncodedString())")
        }
        return .success(nil)
    }

    /// `text` with every secret these credentials name, and its encodings, replaced: a server may echo what it was
    /// sent, such as the Authorization header in an error message.
    func redact(_ text: String, environment: [String: String]) -> String {
        var secrets: [String] = []
        if let name = tokenEnv, let token = environment[name] { secrets.append(token) }
        if let basic = basicAuth, let user = environment[basic.userEnv], let password = environment[basic.passwordEnv] {
            secrets += [password, Data("\(user):\(password)".utf8).base64EncodedString()]
        }
        var text = text
        for secret in secrets where !secret.isEmpty { text = text.replacingOccurrences(of: secret, with: "[redacted]") }
        return text
    }

    /// A URL as reports show it: scheme, host, port and path, never user, password or query.
    static func displayURL(_ text: String) -> String {
        guard var components = URLComponents(string: text) else { return "<invalid URL>" }
        components.user = nil
        components.password = nil
        components.query = nil
        return components.string ?? "<invalid URL>"
    }
}
