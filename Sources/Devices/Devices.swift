// Placeholder so the skeleton builds; replaced as the layer is written.
package enum DevicesLayer {
    package static let name = "Devices"
}
