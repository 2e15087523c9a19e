// swift-tools-version:6.0
// lanegate: an in-lane loyalty gateway. Targets are layers; dependencies point down.
// See README.md ("Layout") for what each target holds.
import PackageDescription

let package = Package(
    name: "lanegate",
    products: [
        .executable(name: "lanegate", targets: ["lanegate"]),
        .executable(name: "lanegate-bench", targets: ["lanegate-bench"]),
    ],
    targets: [
        // Debian's C libraries, found with pkg-config.
        .systemLibrary(
            name: "CSQLite", pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(
            name: "CUdev", pkgConfig: "libudev",
            providers: [.apt(["libudev-dev"])]),
        .systemLibrary(
            name: "CQREncode", pkgConfig: "libqrencode",
            providers: [.apt(["libqrencode-dev"])]),
        // What Swift cannot import: pseudo-terminal creation, ioctl request macros.
        .target(name: "CShim"),

        // Pure layers: no I/O.
        .target(name: "StrictJSON"),
        .target(name: "Symbology"),
        .target(name: "ESCPOS"),
        .target(name: "Loyalty", dependencies: ["StrictJSON"]),

        // Persistence.
        .target(name: "Ledger", dependencies: ["Loyalty", "CSQLite"]),

        // Drivers.
        .target(name: "DeviceIO", dependencies: ["CShim"]),
        .target(
            name: "Devices",
            dependencies: ["DeviceIO", "Symbology", "ESCPOS", "CUdev", "CShim", "StrictJSON"]),

        // POS protocols.
        .target(name: "POSProtocols", dependencies: ["Loyalty", "ESCPOS", "StrictJSON"]),

        // The runtime and the program.
        .target(
            name: "Lane",
            dependencies: [
                "POSProtocols", "Devices", "DeviceIO", "Ledger", "Loyalty", "Symbology",
                "ESCPOS", "StrictJSON",
            ]),
        .executableTarget(
            name: "lanegate",
            dependencies: [
                "Lane", "Devices", "DeviceIO", "Loyalty", "Ledger", "POSProtocols", "Symbology",
                "ESCPOS", "StrictJSON", "CQREncode",
            ]),
        // `make bench`: finalize latency against the disk's commit floor.
        .executableTarget(
            name: "lanegate-bench",
            dependencies: [
                "Lane", "Ledger", "CSQLite", "DeviceIO", "Devices", "POSProtocols", "StrictJSON",
            ]),

        .testTarget(name: "StrictJSONTests", dependencies: ["StrictJSON"]),
        .testTarget(name: "SymbologyTests", dependencies: ["Symbology"]),
        .testTarget(name: "ESCPOSTests", dependencies: ["ESCPOS"]),
        .testTarget(name: "LoyaltyTests", dependencies: ["Loyalty"]),
        .testTarget(name: "LedgerTests", dependencies: ["Ledger", "CSQLite"]),
        .testTarget(name: "DeviceIOTests", dependencies: ["DeviceIO", "CShim"]),
        .testTarget(name: "DevicesTests", dependencies: ["Devices", "DeviceIO", "CShim"]),
        .testTarget(name: "POSProtocolsTests", dependencies: ["POSProtocols"]),
        .testTarget(
            name: "LaneTests",
            dependencies: [
                "Lane", "Devices", "DeviceIO", "Loyalty", "Ledger", "POSProtocols", "ESCPOS",
                "StrictJSON", "CSQLite",
            ]),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["Lane", "ESCPOS", "DeviceIO", "CSQLite", "StrictJSON"]),
    ],
    swiftLanguageModes: [.v6]
)
