/// One decoded `DLE EOT n` real-time status byte.
///
/// Bit meanings per the Epson ESC/POS Command Reference, "DLE EOT: Transmit
/// real-time status". Each request reports a different group, so only that group's
/// fields are set; the others stay nil (unknown, not "fine").
public struct PrinterStatus: Sendable, Equatable {
    /// The request `n` (1 printer, 2 offline cause, 3 error cause, 4 roll paper sensor).
    public let request: UInt8
    /// The raw reply byte.
    public let reply: UInt8

    /// n=1 bit 3 clear: the printer is online.
    public var online: Bool?
    /// n=1 bit 2: the drawer kick-out connector's pin 3 is high.
    public var drawerPinHigh: Bool?
    /// n=1 bit 5: the printer is waiting to come back online.
    public var waitingForOnlineRecovery: Bool?
    /// n=1 bit 6: the paper feed button is being pressed.
    public var feedButtonPressed: Bool?

    /// n=2 bit 2: the roll paper cover is open.
    public var coverOpen: Bool?
    /// n=2 bit 3: paper is being fed with the feed button.
    public var paperFedByButton: Bool?
    /// n=2 bit 5: printing stopped because the paper ran out.
    public var stoppedByPaperEnd: Bool?
    /// n=2 bit 6: an error occurred.
    public var error: Bool?

    /// n=3 bit 2: a recoverable (mechanical) error occurred.
    public var recoverableError: Bool?
    /// n=3 bit 3: the autocutter failed (a jam; `DLE ENQ` can recover it).
    public var autocutterError: Bool?
    /// n=3 bit 5: an error occurred that needs service.
    public var unrecoverableError: Bool?
    /// n=3 bit 6: an error that clears by itself, such as an overheated head.
    public var autoRecoverableError: Bool?

    /// n=4 bits 2 and 3: the near-end sensor sees little paper left.
    public var paperNearEnd: Bool?
    /// n=4 bits 5 and 6: the end sensor sees no paper.
    public var paperOut: Bool?

    /// Whether nothing this reply covers stops printing. A near-end warning, the
    /// drawer pin and the feed button do not count.
    public var isHealthy: Bool {
        let faults: [Bool?] = [
            online.map { !$0 }, waitingForOnlineRecovery, coverOpen, stoppedByPaperEnd,
            error, recoverableError, autocutterError, unrecoverableError,
            autoRecoverableError, paperOut,
        ]
        return !faults.contains(true)
    }

    /// Decodes the reply byte to `DLE EOT request`, or nil when the request is not 1
    /// to 4 or the byte is not a status at all.
    ///
    /// Every valid reply has bits 1 and 4 set and bits 0 and 7 clear, so
    /// `(reply & 0x93) == 0x12`; anything else (a stray `00`, a byte of another
    /// reply) is refused rather than read as "fine".
    public static func decode(request: UInt8, reply: UInt8) -> PrinterStatus? {
        guard (1...4).contains(request), reply & 0x93 == 0x12 else { return nil }
        var status = PrinterStatus(request: request, reply: reply)
        let bit = { (n: UInt8) -> Bool in reply & (1 << n) != 0 }

        switch request {
        case 1:
            status.drawerPinHigh = bit(2)
            status.online = !bit(3)
            status.waitingForOnlineRecovery = bit(5)
            status.feedButtonPressed = bit(6)
        case 2:
            status.coverOpen = bit(2)
            status.paperFedByButton = bit(3)
            status.stoppedByPaperEnd = bit(5)
            status.error = bit(6)
        case 3:
            status.recoverableError = bit(2)
            status.autocutterError = bit(3)
            status.unrecoverableError = bit(5)
            status.autoRecoverableError = bit(6)
        default:
            status.paperNearEnd = reply & 0x0C != 0
            status.paperOut = reply & 0x60 != 0
        }
        return status
    }

    private init(request: UInt8, reply: UInt8) {
        self.request = request
        self.reply = reply
    }
}
