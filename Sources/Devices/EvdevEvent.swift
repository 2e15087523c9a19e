/// One event of the Linux input layer: the kernel's `struct input_event`
/// (`linux/input.h`).
///
/// A key press is `type` `EV_KEY` (1), `code` the key (`KEY_1` is 2), `value` 1; its
/// release has value 0 and the kernel's autorepeat value 2. Events come in packets closed
/// by `EV_SYN` `SYN_REPORT`.
public struct EvdevEvent: Hashable, Sendable, CustomStringConvertible {
    /// When the kernel stamped the event (`input_event.time`, a `timeval`); in a
    /// recording, the time since its first event.
    public var time: Duration
    /// The event type (`EV_KEY`, `EV_SYN`, `EV_MSC`…).
    public var type: UInt16
    /// The code within the type (`KEY_A`, `SYN_REPORT`, `MSC_SCAN`…).
    public var code: UInt16
    /// The value: for keys 0 released, 1 pressed, 2 autorepeat.
    public var value: Int32

    /// An event as the kernel would deliver it.
    public init(time: Duration = .zero, type: UInt16, code: UInt16, value: Int32) {
        self.time = time
        self.type = type
        self.code = code
        self.value = value
    }

    /// A key event (`EV_KEY`).
    public static func key(_ code: UInt16, _ value: Int32, at time: Duration = .zero)
        -> EvdevEvent
    {
        EvdevEvent(time: time, type: EvdevCode.key, code: code, value: value)
    }

    /// `EV_SYN SYN_REPORT 0`, the end of a packet.
    public static func report(at time: Duration = .zero) -> EvdevEvent {
        EvdevEvent(
            time: time, type: EvdevCode.synchronization, code: EvdevCode.synReport, value: 0)
    }

    /// `EV_KEY KEY_1 1`, as recordings and `evtest` name it.
    public var description: String {
        let typeName = EvdevCode.typeNames[type] ?? String(type)
        return "\(typeName) \(EvdevCode.name(ofCode: code, type: type)) \(value)"
    }
}
