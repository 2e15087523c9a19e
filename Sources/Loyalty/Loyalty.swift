// Placeholder so the skeleton builds; replaced as the layer is written.
package enum LoyaltyLayer {
    package static let name = "Loyalty"
}
