/// Why an HCL file could not be read, at the line and column (counted in characters, a tab as one) where it went wrong.
struct HCLFailure: Error, Equatable {
    let line: Int
    let column: Int
    let message: String
}
