// Placeholder so the skeleton builds; replaced as the layer is written.
package enum ESCPOSLayer {
    package static let name = "ESCPOS"
}
