/// What a `HIDRawReader` reports.
public enum HIDRawEvent: Hashable, Sendable {
    /// The node is open and set up: its IDs (when `HIDIOCGRAWINFO` answered) and the
    /// layout its descriptor gives the Scanned Data Report (nil for a MagTek card reader,
    /// which sends no Scanned Data Report).
    case connected(path: String, info: HIDRawDeviceInfo?, layout: HIDPOSLayout?)
    /// One complete scan, or one swipe of a MagTek card reader (its tracks' text as data).
    case scan(HIDPOSScan)
    /// A report or scan was dropped; the reader goes on.
    case dropped(HIDPOSDecoderError)
    /// The device left (unplugged) or the reader stopped; the last event. When a scan
    /// was half received, `partialScanDropped` says so: its reports are not delivered.
    case disconnected(reason: String, partialScanDropped: Bool)
}
