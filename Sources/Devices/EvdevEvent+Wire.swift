extension EvdevEvent {
    /// The size of `struct input_event` on 64-bit Linux: a `timeval` of two 64-bit
    /// fields, then `__u16 type`, `__u16 code`, `__s32 value` (`linux/input.h`).
    public static let wireSize = 24

    /// Decodes one `struct input_event` as `read(2)` on an evdev node returns it
    /// (little endian, x86_64 and arm64 layout); nil unless exactly 24 bytes are given.
    public init?(wire bytes: some Collection<UInt8>) {
        guard bytes.count == Self.wireSize else { return nil }
        let bytes = Array(bytes)
        let seconds = Int64(bitPattern: Self.integer(bytes[0..<8]))
        let microseconds = Int64(bitPattern: Self.integer(bytes[8..<16]))
        self.init(
            time: .seconds(seconds) + .microseconds(microseconds),
            type: UInt16(truncatingIfNeeded: Self.integer(bytes[16..<18])),
            code: UInt16(truncatingIfNeeded: Self.integer(bytes[18..<20])),
            value: Int32(bitPattern: UInt32(truncatingIfNeeded: Self.integer(bytes[20..<24]))))
    }

    /// The 24 bytes the kernel would deliver for this event; the time is split into
    /// whole seconds and microseconds (`tv_sec`, `tv_usec`) as a `timeval` holds it.
    public var wire: [UInt8] {
        let (seconds, attoseconds) = time.components
        let microseconds = attoseconds / 1_000_000_000_000
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Self.wireSize)
        Self.append(UInt64(bitPattern: seconds), size: 8, to: &bytes)
        Self.append(UInt64(bitPattern: microseconds), size: 8, to: &bytes)
        Self.append(UInt64(type), size: 2, to: &bytes)
        Self.append(UInt64(code), size: 2, to: &bytes)
        Self.append(UInt64(UInt32(bitPattern: value)), size: 4, to: &bytes)
        return bytes
    }

    private static func integer(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        bytes.reversed().reduce(0) { $0 << 8 | UInt64($1) }
    }

    private static func append(_ value: UInt64, size: Int, to bytes: inout [UInt8]) {
        for index in 0..<size {
            bytes.append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(index))))
        }
    }
}
