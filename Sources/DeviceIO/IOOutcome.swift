/// What a read or write on a non-blocking descriptor came to, when it did not fail.
///
/// `EAGAIN` is not an error here but `.wouldBlock`; `EIO`, `ENXIO`, `ENODEV` and a
/// 0-byte read are `.deviceGone`: the device behind the descriptor has left.
public enum IOOutcome<Value: Sendable>: Sendable {
    /// The call moved data.
    case done(Value)
    /// Nothing to read, or no room to write, right now (`EAGAIN`).
    case wouldBlock
    /// The device or peer left; the descriptor is of no further use.
    case deviceGone(DeviceGone)
}

extension IOOutcome: Equatable where Value: Equatable {}
