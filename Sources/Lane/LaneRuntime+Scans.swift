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
                    LaneReply.event(
                        "error", txn: txn,
                        [
                            ("code", .string(LaneLinkErrorCode.paymentCard.rawValue)),
                            ("message", .string(scan.decoded.error ?? "payment card refused")),
                        ]))
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
                sendEvent(LaneReply.event("scan", txn: txn, scanFields(scan)))
            }
        } catch let failure as LaneLinkFailure {
            sendEvent(
                LaneReply.event(
                    "error", txn: txn,
                    [
                        ("code", .string(failure.code.rawValue)),
                        ("message", .string(failure.message)),
                    ]))
        } catch {
            Log.error("scan-failed", ["error": "\(error)"])
        }
    }

    private func scanFields(_ scan: ClassifiedScan) -> [(String, JSON)] {
        var fields: [(String, JSON)] = [
            ("kind", .string(scan.kind.rawValue)), ("data", .string(scan.decoded.text)),
        ]
        if let symbology = scan.decoded.symbology {
            fields.append(("symbology", .string(symbology.rawValue)))
        }
        if let gtin = scan.decoded.gtin14 { fields.append(("gtin14", .string(gtin))) }
        if let addOn = scan.decoded.addOn { fields.append(("addOn", .string(addOn))) }
        if let elements = scan.decoded.elements {
            fields.append(
                (
                    "elements",
                    .array(
                        elements.map {
                            .object([
                                JSON.Pair(key: "ai", value: .string($0.ai)),
                                JSON.Pair(key: "value", value: .string($0.value)),
                            ])
                        })
                ))
        }
        if let error = scan.decoded.error { fields.append(("error", .string(error))) }
        return fields
    }
}
