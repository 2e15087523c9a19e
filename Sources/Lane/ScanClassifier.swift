import Foundation
import Loyalty
import Symbology

/// What a scan from the lane's own scanner or card reader is: a product, a member card, a
/// voucher, a magnetic-stripe swipe.
///
/// Member cards are recognized by the program's card ranges (digits as scanned, after the
/// AIM identifier and suffix are removed), vouchers by the shape of their code, with no
/// database. A barcode is never taken for a payment card: about one valid EAN-13 in ten
/// also passes the Luhn check. A swipe is, when it has a payment card's format and its
/// number is outside the card ranges.
public struct ClassifiedScan: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case product, member, voucher, swipe
        /// Digits in a payment card's format outside every member range, typed or scanned
        /// rather than swiped: refused, and kept only masked (`decoded` holds the mask).
        case paymentCard = "payment-card"
        case unknown
    }
    public var kind: Kind
    /// The scan as decoded. For a swipe, `data` is what the reader sent (recovered from a
    /// wrong host layout if need be), or only the masked tracks of a refused payment card,
    /// and `error` says why a swipe gives no card.
    public var decoded: DecodedScan
    /// The member card number or voucher code, when the scan is one; for a swipe, the
    /// member card number (never a payment card's).
    public var card: String?
    /// The swipe, when the scan came from a magnetic-stripe reader; a refused payment
    /// card's holds masked data only.
    public var swipe: MagneticStripe.Swipe? = nil
    /// The host keyboard layout a swipe was typed through and recovered from, if any.
    public var recoveredLayout: MagneticStripe.HostLayout? = nil
}

public struct ScanClassifier: Sendable {
    let cardRanges: [CardRange]

    public init(cardRanges: [CardRange]) {
        self.cardRanges = cardRanges
    }

    public func classify(_ message: [UInt8], referenceYear: Int) -> ClassifiedScan {
        if let swipe = classifySwipe(message) { return swipe }

        let decoded = ScanDecoder.decode(message, referenceYear: referenceYear)
        let digits = decoded.text
        let allDigits = !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
        if allDigits && cardRanges.contains(where: { $0.matches(digits) }) {
            return ClassifiedScan(kind: .member, decoded: decoded, card: digits)
        }
        if allDigits && VoucherCode.isWellFormed(digits) {
            return ClassifiedScan(kind: .voucher, decoded: decoded, card: digits)
        }
        // A payment card number keyed in or scanned off a card (a wedge reader, an
        // embossed number read as text, a swipe whose sentinels were lost, a number in a
        // barcode's data) is refused like a swiped one: from here on only its mask exists,
        // and nothing else of the scan (a swipe's name) is kept. An EAN-13 or GTIN-14 with
        // a valid check digit is never taken for one (`PaymentCard.numbers(in:)`).
        let found =
            PaymentCard.numbers(in: digits)
            + (decoded.elements ?? []).flatMap { PaymentCard.numbers(in: $0.value) }
        if !found.isEmpty {
            let masked = found.map(\.masked).joined(separator: " ")
            var refused = DecodedScan(data: Array(masked.utf8))
            refused.error = "payment card refused: \(masked)"
            return ClassifiedScan(kind: .paymentCard, decoded: refused, card: nil)
        }
        if decoded.error == nil && (decoded.gtin14 != nil || decoded.elements != nil) {
            return ClassifiedScan(kind: .product, decoded: decoded, card: nil)
        }
        return ClassifiedScan(kind: .unknown, decoded: decoded, card: nil)
    }
}

extension ScanClassifier {
    /// The scan as a swipe, when it is one: bytes that start with a track's start sentinel
    /// (`%`, `;`, `+`) and parse as tracks, or text typed through a wrong host layout that
    /// does once mapped back (``MagneticStripe/recoverSwipeText(_:)``).
    ///
    /// A swipe's number is a member card when it is inside a card range, or when the card
    /// is not in a payment card's format at all: private cards need no check digit (field
    /// case K06), and the lane looks the number up as it does any card. A payment card
    /// outside the ranges is refused and shows only masked.
    // TODO: A reader that ends each track with CR (ID TECH's factory track separator) is
    // framed by the default scanner settings as one scan per track, so `%E?` CR
    // `;0012345678901=?` CR gives a swipe with no readable track, then the member card.
    // The lane still finds the card, but shows a needless "no track could be read". A
    // card-reader framing that ends a swipe on the idle gap belongs to the device profiles.
    func classifySwipe(_ message: [UInt8]) -> ClassifiedScan? {
        let isMember = { (number: String) in self.cardRanges.contains { $0.matches(number) } }
        var bytes = message
        var layout: MagneticStripe.HostLayout?
        var swipe = MagneticStripe.parse(bytes, isMemberNumber: isMember)
        if swipe == nil, message.first != UInt8(ascii: "]"),
            let recovered = MagneticStripe.recoverSwipeText(DecodedScan.text(of: message))
        {
            bytes = Array(recovered.text.utf8)
            layout = recovered.layout
            swipe = MagneticStripe.parse(bytes, isMemberNumber: isMember)
        }
        guard let swipe else { return nil }

        var scan = ClassifiedScan(
            kind: .swipe, decoded: DecodedScan(data: bytes), card: swipe.number, swipe: swipe,
            recoveredLayout: layout)
        if swipe.isPaymentCard {
            let shown = swipe.tracks.map(\.text).joined()
            scan.decoded = DecodedScan(data: Array(shown.utf8))
            scan.decoded.error =
                "payment card refused: "
                + (swipe.maskedNumber ?? "track 1 is in the payment card format B")
        } else if !swipe.hasReadableTrack {
            scan.decoded.error = "no track could be read: swipe the card again"
        } else if swipe.number == nil {
            scan.decoded.error =
                swipe.tracks.contains { $0.lrc == .mismatch }
                ? "the track's LRC does not match: it was misread, swipe the card again"
                : "no card number on the tracks read"
        }
        return scan
    }
}
