// Placeholder so the skeleton builds; replaced as the layer is written.
package enum SymbologyLayer {
    package static let name = "Symbology"
}
