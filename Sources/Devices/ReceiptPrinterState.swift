import ESCPOS

/// What a receipt printer last said about itself, condition by condition, from `DLE EOT`
/// replies or an Automatic Status Back message.
///
/// A field is nil when nothing the printer sent covers it. `condition` sums the fields up
/// for the print queue: paper near end is a warning (`warnings`) and holds nothing; cover
/// open, paper out, an error (cutter, mechanical, unrecoverable, automatically recoverable)
/// and offline hold the queue (`faults`).
public struct ReceiptPrinterState: Sendable, Equatable, CustomStringConvertible {
    /// Where the state comes from.
    public enum Source: String, Sendable, Equatable {
        /// Nothing valid came back yet.
        case none
        /// The printer has no status replies (profile or transport): taken to be ready.
        case assumed
        /// `DLE EOT` replies to the last status query.
        case status
        /// The last Automatic Status Back message (`GS a`).
        case automatic

        // TODO: nothing shows this label yet. `lanegate devices list` and `watch` open no
        // device, so they have no printer state to show; `devices probe` states the state
        // from its DLE EOT query without naming the source, and a running lane's state goes
        // to the POS and the log only. Showing it needs the probe report (and a way for the
        // CLI to ask a running lane) to print `state.source.label` beside the state.

        /// How `lanegate devices` names it: `query` (DLE EOT), `ASB`, `assumed`, `none`.
        public var label: String {
            switch self {
            case .none: "none"
            case .assumed: "assumed"
            case .status: "query"
            case .automatic: "ASB"
            }
        }
    }

    /// Where the fields come from.
    public var source: Source = .none
    /// False when the last request could not be sent (the printer or its cable is away).
    public var reachable = true
    /// The printer is online (`DLE EOT 1` bit 3, ASB byte 1 bit 3).
    public var online: Bool?
    /// The roll paper cover is open.
    public var coverOpen: Bool?
    /// The near-end sensor sees little paper left: a warning.
    public var paperNearEnd: Bool?
    /// The end sensor sees no paper.
    public var paperOut: Bool?
    /// Printing stopped because the paper ran out (`DLE EOT 2` bit 5).
    public var stoppedByPaperEnd: Bool?
    /// The autocutter failed (`DLE EOT 3` bit 3, ASB byte 2 bit 3).
    public var cutterError: Bool?
    /// An error other than the cutter: mechanical, unrecoverable or automatically
    /// recoverable (`DLE EOT 2` bit 6 and `DLE EOT 3`, ASB byte 2).
    public var otherError: Bool?
    /// The printer waits to come back online.
    public var waitingForOnlineRecovery: Bool?
    /// The drawer kick-out connector's pin 3 is high (a drawer switch, often "open").
    public var drawerPinHigh: Bool?

    /// A state nothing is known of.
    public init() {}

    /// A state for a printer that cannot answer, taken to be ready.
    public static let assumedReady: ReceiptPrinterState = {
        var state = ReceiptPrinterState()
        state.source = .assumed
        return state
    }()

    /// The sum for the print queue.
    public var condition: ReceiptPrinter.Condition {
        if !reachable { return .unreachable }
        switch source {
        case .none: return .unknown
        case .assumed: return .healthy
        case .status, .automatic: break
        }
        if coverOpen == true { return .coverOpen }
        if paperOut == true || stoppedByPaperEnd == true { return .paperOut }
        if cutterError == true || otherError == true || waitingForOnlineRecovery == true {
            return .error
        }
        guard let online else { return .unknown }
        return online ? .healthy : .offline
    }

    /// What holds the queue, in words for logs and `lanegate devices`.
    public var faults: [String] {
        var faults: [String] = []
        if !reachable { faults.append("unreachable") }
        if coverOpen == true { faults.append("cover-open") }
        if paperOut == true || stoppedByPaperEnd == true { faults.append("paper-out") }
        if cutterError == true { faults.append("cutter-error") }
        if otherError == true { faults.append("error") }
        if online == false { faults.append("offline") }
        return faults
    }

    /// What does not hold the queue but needs a person soon.
    public var warnings: [String] {
        paperNearEnd == true ? ["paper-near-end"] : []
    }

    /// One line: `ready`, `ready, warning: paper-near-end`, `offline: cover-open`, ...
    public var description: String {
        let condition = condition
        var text: String
        switch condition {
        case .healthy: text = "ready"
        case .unknown: text = "unknown (no valid status reply)"
        default: text = faults.isEmpty ? condition.rawValue : faults.joined(separator: ", ")
        }
        if !warnings.isEmpty {
            text += ", warning: " + warnings.joined(separator: ", ")
        }
        return text
    }

    /// Takes in one `DLE EOT` reply: only the fields its request covers change.
    public mutating func fold(_ status: PrinterStatus) {
        source = .status
        reachable = true
        switch status.request {
        case 1:
            online = status.online
            drawerPinHigh = status.drawerPinHigh
            waitingForOnlineRecovery = status.waitingForOnlineRecovery
        case 2:
            coverOpen = status.coverOpen
            stoppedByPaperEnd = status.stoppedByPaperEnd
            otherError = status.error
        case 3:
            cutterError = status.autocutterError
            otherError = [
                status.recoverableError, status.unrecoverableError,
                status.autoRecoverableError,
            ].contains(true)
        default:
            paperNearEnd = status.paperNearEnd
            paperOut = status.paperOut
        }
    }

    /// Takes in an Automatic Status Back message, which reports every field at once.
    public mutating func fold(_ message: AutomaticStatus) {
        source = .automatic
        reachable = true
        online = message.online
        drawerPinHigh = message.drawerPinHigh
        waitingForOnlineRecovery = message.waitingForOnlineRecovery
        coverOpen = message.coverOpen
        stoppedByPaperEnd = nil
        cutterError = message.autocutterError
        otherError =
            message.recoverableError || message.unrecoverableError
            || message.autoRecoverableError
        paperNearEnd = message.paperNearEnd
        paperOut = message.paperOut
    }
}
