import Foundation
import Ledger
import POSProtocols
import StrictJSON
import Symbology

extension LaneRuntime {
    /// A scan on the lane's own scanner: it joins the open transaction; with none open, a
    /// member card answers with the member's balance and anything else is passed on.
    func handleScan(_ message: [UInt8]) {
        let year = Calendar(identifier: .gregorian).component(.year, from: environment.now())
        let scan = ScanClassifier(cardRanges: program.cardRanges)
            .classify(message, referenceYear: year)
        let txn = open?.txn
        open?.lastActivity = ContinuousClock.now
        Log.debug("scan", ["kind": scan.kind.rawValue])
        do {
            switch scan.kind {
            case .paymentCard,
                .swipe where scan.swipe?.isPaymentCard == true:
                // Refused and never stored: the event carries only the masked number.
                Log.info(
                    "payment-card-refused",
                    [
                        "card": scan.swipe.map { $0.maskedNumber ?? "unreadable" }
                            ?? scan.decoded.text,
                        "source": scan.swipe == nil ? "scan" : "swipe",
                    ])
                sendEvent(
                    LaneLinkReply.errorEvent(
                        txn: txn, code: .paymentCard,
                        message: scan.decoded.error ?? "payment card refused"))
            case .member,
                .swipe where scan.card != nil:
                guard let card = scan.card else { return }
                let member = try identify(card)
                if open != nil { open?.member = member }
                sendEvent(
                    LaneReply.event(
                        "member", txn: txn,
                        [
                            ("member", try memberJSON(member))
                        ]))
            case .voucher where open != nil:
                guard let code = scan.card else { return }
                let voucher = try reserve(code)
                sendEvent(LaneReply.event("voucher", txn: txn, voucherFields(voucher)))
            default:
                sendEvent(LaneLinkReply.scanEvent(txn: txn, scan: Self.scanContent(scan)))
            }
        } catch let failure as LaneLinkFailure {
            sendEvent(
                LaneLinkReply.errorEvent(txn: txn, code: failure.code, message: failure.message))
        } catch let error as LedgerError where error.kind == .busy {
            // Another lane held the store past the busy timeout: nothing was enrolled or
            // reserved, and the cashier is told to scan again, as a request gets `busy`.
            Log.warning("scan-failed", ["error": "\(error)"])
            sendEvent(
                LaneLinkReply.errorEvent(
                    txn: txn, code: .busy,
                    message: "another lane holds the store; nothing was changed, scan again"))
        } catch {
            Log.error("scan-failed", ["error": "\(error)"])
            sendEvent(
                LaneLinkReply.errorEvent(
                    txn: txn, code: .internal,
                    message: "the gateway could not take the scan; scan again"))
        }
    }

    /// A `scan` event's content (protocols/lanelink-v1.md, "Events").
    static func scanContent(_ scan: ClassifiedScan) -> LaneLinkScan {
        LaneLinkScan(
            kind: scan.kind.rawValue, data: scan.decoded.text,
            symbology: scan.decoded.symbology?.rawValue, gtin14: scan.decoded.gtin14,
            addOn: scan.decoded.addOn,
            elements: (scan.decoded.elements ?? []).map {
                LaneLinkScan.Element(ai: $0.ai, value: $0.value)
            },
            error: scan.decoded.error)
    }
}
