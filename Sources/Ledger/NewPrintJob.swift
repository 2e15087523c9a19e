/// A print job to store; it is sent after the reply and kept until the printer confirms it.
public struct NewPrintJob: Sendable, Equatable {
    /// The printer's device name from the lane config.
    public var printer: String
    /// The ESC/POS bytes to send.
    public var bytes: [UInt8]

    /// Creates a print job.
    public init(printer: String, bytes: [UInt8]) {
        self.printer = printer
        self.bytes = bytes
    }
}
