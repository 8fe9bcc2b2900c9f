import PreflightKit

/// How every report shows an item's state: a symbol, a word and a class, so that colour is never the only signal.
enum ItemStatus {
    case automated, manual, error, unavailable, skipped, missing

    init(_ item: ItemResult) {
        switch (item.outcome, item.level) {
        case (.satisfied, .automated?): self = .automated
        case (.satisfied, _): self = .manual
        case (.error, _): self = .error
        case (.notAvailable, _): self = .unavailable
        case (.notApplicable, _): self = .skipped
        default: self = .missing
        }
    }

    var symbol: String {
        switch self {
        case .automated: "✓"
        case .manual: "◐"
        case .error: "!"
        case .unavailable: "?"
        case .skipped: "–"
        case .missing: "✗"
        }
    }

    /// The word the HTML and Markdown reports show.
    var label: String {
        switch self {
        case .automated: "automated"
        case .manual: "manual"
        case .error: "could not evaluate"
        case .unavailable: "no data"
        case .skipped: "not applicable"
        case .missing: "missing"
        }
    }

    /// The CSS class of the HTML report.
    var cssClass: String {
        switch self {
        case .automated: "automated"
        case .manual: "manual"
        case .error: "error"
        case .unavailable: "unavailable"
        case .skipped: "skipped"
        case .missing: "missing"
        }
    }

    /// The ANSI colour of the text report; nil for dim.
    var terminalColor: Int? {
        switch self {
        case .automated: 32
        case .manual: 33
        case .error, .missing: 31
        case .unavailable: 35
        case .skipped: nil
        }
    }
}
