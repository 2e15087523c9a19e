/// Where lanegate learns which devices are plugged in and when they come and go: libudev on
/// a lane (`UdevDeviceSource`), a recording in tests and bug reports
/// (`RecordedDeviceSource`).
public protocol DeviceSource: Sendable {
    /// The watched device nodes present now.
    func enumerate() -> [HotplugEvent]
    /// Adds and removes from now on; the stream ends when the source has no more (a
    /// recording played to its end) or its consumer stops listening.
    func events() -> AsyncStream<HotplugEvent>
}

extension DeviceSource {
    /// The identities of the watched nodes present now.
    public func identities() -> [DeviceIdentity] {
        enumerate().map(\.identity)
    }
}
