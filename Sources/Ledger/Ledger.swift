// Placeholder so the skeleton builds; replaced as the layer is written.
package enum LedgerLayer {
    package static let name = "Ledger"
}
