// Placeholder so the skeleton builds; replaced as the layer is written.
package enum POSProtocolsLayer {
    package static let name = "POSProtocols"
}
