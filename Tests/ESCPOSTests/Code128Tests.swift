import Testing

@testable import ESCPOS

@Suite struct Code128Tests {
    @Test(
        arguments: [
            (
                "ABC-123",
                [0x1D, 0x6B, 0x49, 0x09, 0x7B, 0x42, 0x41, 0x42, 0x43, 0x2D, 0x31, 0x32, 0x33]
            ),
            ("A{1", [0x1D, 0x6B, 0x49, 0x06, 0x7B, 0x42, 0x41, 0x7B, 0x7B, 0x31]),
            ("123456", [0x1D, 0x6B, 0x49, 0x05, 0x7B, 0x43, 0x0C, 0x22, 0x38]),
        ] as [(String, [UInt8])])
    func p02CodeSets(data: String, expected: [UInt8]) throws {
        var encoder = ESCPOSEncoder(codePages: [])
        try encoder.code128(data, moduleWidth: 2, height: 80, hri: .below)
        #expect(encoder.bytes == [0x1D, 0x48, 2, 0x1D, 0x68, 80, 0x1D, 0x77, 2] + expected)
    }

    @Test(
        arguments: [
            ("AB12345678", [0x7B, 0x42, 0x41, 0x42, 0x7B, 0x43, 12, 34, 56, 78]),
            ("12345", [0x7B, 0x43, 12, 34, 0x7B, 0x42, 0x35]),
            ("12345AB", [0x7B, 0x43, 12, 34, 0x7B, 0x42, 0x35, 0x41, 0x42]),
            ("A12345B", [0x7B, 0x42, 0x41, 0x31, 0x7B, 0x43, 23, 45, 0x7B, 0x42, 0x42]),
            ("A123B", [0x7B, 0x42, 0x41, 0x31, 0x32, 0x33, 0x42]),
            ("X1234", [0x7B, 0x42, 0x58, 0x7B, 0x43, 12, 34]),
            ("12", [0x7B, 0x43, 12]),
            ("1", [0x7B, 0x42, 0x31]),
            ("123", [0x7B, 0x42, 0x31, 0x32, 0x33]),
        ] as [(String, [UInt8])])
    func codeSetSwitching(data: String, expected: [UInt8]) throws {
        #expect(try ESCPOSEncoder.code128Payload(data) == expected)
    }

    /// Fewest symbol characters over every B/C assignment, by dynamic programming.
    static func minimalSymbolCharacters(_ data: String) -> Int {
        let characters = Array(data)
        let n = characters.count
        let big = Int.max / 4
        // cost[i][set]: fewest characters to encode the first i data characters,
        // ending in set (0 B, 1 C), start character included.
        var cost = Array(repeating: [big, big], count: n + 1)
        cost[0] = [1, 1]
        for i in 0..<n {
            for set in 0..<2 where cost[i][set] < big {
                // Stay or switch, then encode one B character or one C pair.
                for next in 0..<2 {
                    let base = cost[i][set] + (set == next || i == 0 ? 0 : 1)
                    if next == 0 {
                        cost[i + 1][0] = min(cost[i + 1][0], base + 1)
                    } else if i + 1 < n, characters[i].isNumber, characters[i + 1].isNumber {
                        cost[i + 2][1] = min(cost[i + 2][1], base + 1)
                    }
                }
            }
        }
        return min(cost[n][0], cost[n][1])
    }

    @Test func segmentationIsMinimal() {
        let alphabet: [Character] = ["1", "2", "A"]
        var samples: [String] = [""]
        for _ in 0..<8 {
            samples = samples.flatMap { s in alphabet.map { s + String($0) } }
            for data in samples {
                let segments = ESCPOSEncoder.code128Segments(data)
                let used = segments.reduce(0) {
                    $0 + 1 + ($1.set == .c ? $1.characters.count / 2 : $1.characters.count)
                }
                #expect(used == Self.minimalSymbolCharacters(data), "\(data)")
                #expect(segments.allSatisfy { $0.set == .b || $0.characters.count % 2 == 0 })
            }
        }
    }

    @Test func modulesIncludeQuietZones() {
        // Start C, three pairs, check: 5 characters of 11, stop 13, quiet zones 20.
        #expect(ESCPOSEncoder.code128Modules("123456") == 88)
        // A voucher code of 24 digits: start, 12 pairs, check, on 384 dots at width 2.
        let modules = ESCPOSEncoder.code128Modules(String(repeating: "7", count: 24))
        #expect(modules == 11 * 14 + 13 + 20)
        #expect(modules * 2 <= 384)
    }

    @Test func refusesBadInput() {
        var encoder = ESCPOSEncoder(codePages: [])
        #expect(
            throws: ESCPOSError(
                .unencodableCharacter("é", offset: 2), command: "CODE128")
        ) {
            try encoder.code128("ABé", moduleWidth: 2, height: 50, hri: .none)
        }
        #expect(throws: ESCPOSError(.emptyData, command: "CODE128")) {
            try encoder.code128("", moduleWidth: 2, height: 50, hri: .none)
        }
        #expect(
            throws: ESCPOSError(
                .parameterOutOfRange(name: "module width", value: 7, range: 1...6),
                command: "CODE128")
        ) {
            try encoder.code128("A", moduleWidth: 7, height: 50, hri: .none)
        }
        #expect(throws: ESCPOSError(.dataTooLong(count: 302, limit: 255), command: "CODE128")) {
            try encoder.code128(
                String(repeating: "A", count: 300), moduleWidth: 2,
                height: 50, hri: .none)
        }
        #expect(encoder.bytes.isEmpty)
    }

    @Test func errorTextNamesPlaceAndFix() {
        let error = ESCPOSError(.unencodableCharacter("é", offset: 2), command: "CODE128")
        #expect(
            error.description == "CODE128: character U+E9 at offset 2 is not printable "
                + "ASCII (valid: U+0020 to U+007E); remove it or print the data as text")
    }
}
