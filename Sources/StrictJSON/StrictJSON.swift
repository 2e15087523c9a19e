// Placeholder so the skeleton builds; replaced as the layer is written.
package enum StrictJSONLayer {
    package static let name = "StrictJSON"
}
