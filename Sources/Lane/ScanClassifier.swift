import Foundation
import Loyalty
import Symbology

/// What a scan from the lane's own scanner is: a product, a member card, a voucher.
///
/// Member cards are recognized by the program's card ranges (digits as scanned, after the
/// AIM identifier and suffix are removed), vouchers by the shape of their code, with no
/// database. A barcode is never taken for a payment card: about one valid EAN-13 in ten
/// also passes the Luhn check.
public struct ClassifiedScan: Sendable, Equatable {
    public enum Kind: String, Sendable { case product, member, voucher, swipe, unknown }
    public var kind: Kind
    public var decoded: DecodedScan
    /// The member card number or voucher code, when the scan is one.
    public var card: String?
}

public struct ScanClassifier: Sendable {
    let cardRanges: [CardRange]

    public init(cardRanges: [CardRange]) {
        self.cardRanges = cardRanges
    }

    public func classify(_ message: [UInt8], referenceYear: Int) -> ClassifiedScan {
        let decoded = ScanDecoder.decode(message, referenceYear: referenceYear)
        let digits = decoded.text
        let allDigits = !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
        if allDigits && cardRanges.contains(where: { $0.matches(digits) }) {
            return ClassifiedScan(kind: .member, decoded: decoded, card: digits)
        }
        if allDigits && VoucherCode.isWellFormed(digits) {
            return ClassifiedScan(kind: .voucher, decoded: decoded, card: digits)
        }
        if decoded.error == nil && (decoded.gtin14 != nil || decoded.elements != nil) {
            return ClassifiedScan(kind: .product, decoded: decoded, card: nil)
        }
        return ClassifiedScan(kind: .unknown, decoded: decoded, card: nil)
    }
}
