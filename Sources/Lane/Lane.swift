// Placeholder so the skeleton builds; replaced as the layer is written.
package enum LaneLayer {
    package static let name = "Lane"
}
