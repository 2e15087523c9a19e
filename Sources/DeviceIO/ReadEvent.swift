/// One event from a descriptor's read stream.
public enum ReadEvent: Hashable, Sendable {
    /// Bytes as one `read(2)` returned them; never empty.
    case data([UInt8])
    /// The device left; this is the last event and the descriptor is being closed.
    case gone(DeviceGone)
}
