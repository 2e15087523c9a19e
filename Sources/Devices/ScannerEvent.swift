/// What a scanner reports.
public enum ScannerEvent: Hashable, Sendable {
    /// One complete scan, framing removed (the AIM identifier, if any, kept).
    case scan([UInt8])
    /// The port is open: `path` as configured, `resolved` the node it led to.
    case connected(path: String, resolved: String)
    /// The port was lost or closed; the text says why.
    case disconnected(String)
    /// A message was dropped (too long); the scanner goes on.
    case dropped(ScannerFramingError)
}
