// Placeholder so the skeleton builds; replaced as the layer is written.
package enum DeviceIOLayer {
    package static let name = "DeviceIO"
}
