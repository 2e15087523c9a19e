/// Something a receipt printer did that the lane may log or pass on to the POS.
public enum ReceiptPrinterEvent: Sendable, Equatable {
    /// The state changed: a status query or an Automatic Status Back message said so.
    case stateChanged(ReceiptPrinterState)
    /// A byte from the printer that belongs to no reply was dropped, and why.
    case strayByte(UInt8, reason: String)
}
