import DeviceIO
import Foundation
import Glibc
import Testing

@testable import Devices

/// The far side of a probe: answers as an Epson TM-T88V does (Epson ESC/POS Command
/// Reference: `DLE EOT n` one status byte, `GS I 1..3` one byte, `GS I 65..68` `5F` text
/// `00`, `GS ( H` function 48 `37 22 d1..d4 00`), or with one byte to everything.
private struct FakeEpson {
    var status: [UInt8: UInt8] = [1: 0x16, 2: 0x12, 3: 0x12, 4: 0x1E]
    var noise: UInt8?
    private var buffer: [UInt8] = []

    init(noise: UInt8? = nil) { self.noise = noise }

    mutating func answers(to bytes: [UInt8]) -> [UInt8] {
        buffer += bytes
        var out: [UInt8] = []
        while buffer.count >= 3 {
            let command = Array(buffer.prefix(3))
            if command[0] == 0x1D, command[1] == 0x28, command[2] == 0x48 {
                guard buffer.count >= 5 else { break }
                let length = 5 + Int(buffer[3]) + Int(buffer[4]) << 8
                guard buffer.count >= length else { break }
                if let noise {
                    out.append(noise)
                } else if buffer[5] == 0x30 {
                    out += [0x37, 0x22] + buffer[7..<11] + [0x00]
                }
                buffer.removeFirst(length)
                continue
            }
            buffer.removeFirst(3)
            if let noise {
                out.append(noise)
            } else if command[0] == 0x10, command[1] == 0x04, let reply = status[command[2]] {
                out.append(reply)
            } else if command[0] == 0x1D, command[1] == 0x49 {
                out += identity(command[2])
            }
        }
        return out
    }

    private func identity(_ n: UInt8) -> [UInt8] {
        let texts: [UInt8: String] = [
            65: "30.01 ESC/POS", 66: "EPSON", 67: "TM-T88V", 68: "TRCK123456",
        ]
        switch n {
        case 1: return [0x20]
        case 2: return [0x02]
        case 3: return [0x0A]
        default: return texts[n].map { [0x5F] + Array($0.utf8) + [0x00] } ?? []
        }
    }
}

private func profile(_ name: String) throws -> DeviceProfile {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    return try DeviceProfile.load(path: root.appendingPathComponent("devices/\(name).json").path)
}

@Suite struct PrinterProbeTests {
    @Test func anEpsonAnswersOverAPseudoTerminal() async throws {
        let device = try PseudoTerminal()
        // Holding the peer open lets the controller read before the probe opens it.
        let witness = open(device.peerPath, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC)
        #expect(witness >= 0)
        defer { _ = Glibc.close(witness) }
        let answering = Task {
            var epson = FakeEpson()
            for await event in device.readEvents() {
                guard case .data(let bytes) = event else { break }
                try? await device.write(epson.answers(to: bytes))
            }
        }

        let report = try await PrinterProbe.probe(
            port: device.peerPath,
            candidates: [try profile("generic-58mm"), try profile("epson-tm-t88v")],
            answerTimeout: .seconds(30))

        #expect(report.matchedProfile == "epson-tm-t88v")
        #expect(report.attempts.map(\.profile) == ["generic-58mm"])
        var identity = ReceiptPrinter.Identity()
        identity.modelID = 0x20
        identity.typeID = 0x02
        identity.versionID = 0x0A
        identity.firmware = "30.01 ESC/POS"
        identity.maker = "EPSON"
        identity.model = "TM-T88V"
        identity.serialNumber = "TRCK123456"
        guard case .answered(let state, identity, true) = report.attempts[0].outcome else {
            Issue.record("expected an answer with completion, got \(report.attempts)")
            return
        }
        #expect(state.description == "ready, warning: paper-near-end")
        #expect(
            report.description == """
                \(device.peerPath): a printer answered at 9600 8N1 (settings of generic-58mm)
                  status: ready, warning: paper-near-end
                  identity: EPSON TM-T88V, firmware 30.01 ESC/POS, serial TRCK123456, \
                model ID 0x20, autocutter
                  completion: process ID reply (GS ( H) answered
                  profile: epson-tm-t88v (the printer names model TM-T88V; its settings differ, \
                set them in the device entry)
                tried:
                  generic-58mm  9600 8N1  answered
                """)
        await device.close()
        answering.cancel()
    }

    @Test func bytesThatAreNoStatusAreNotAnAnswer() async throws {
        let device = try PseudoTerminal()
        let witness = open(device.peerPath, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC)
        defer { _ = Glibc.close(witness) }
        let answering = Task {
            var noisy = FakeEpson(noise: 0x00)
            for await event in device.readEvents() {
                guard case .data(let bytes) = event else { break }
                try? await device.write(noisy.answers(to: bytes))
            }
        }

        let report = try await PrinterProbe.probe(
            port: device.peerPath, candidates: [try profile("epson-tm-t88v")],
            answerTimeout: .milliseconds(300))

        #expect(report.matchedProfile == nil)
        #expect(report.attempts.map(\.outcome) == [.invalid([0x00])])
        #expect(
            report.description.hasSuffix(
                "tried:\n  epson-tm-t88v  38400 8N1 rts/cts  answered with bytes that are no "
                    + "status: 00"))
        await device.close()
        answering.cancel()
    }

    @Test func aSilentPortGetsAPlainMessage() async throws {
        let device = try PseudoTerminal()

        let report = try await PrinterProbe.probe(
            port: device.peerPath,
            candidates: [
                try profile("generic-serial-scanner"), try profile("generic-58mm"),
                try profile("epson-tm-t88v"),
            ],
            answerTimeout: .milliseconds(100))

        #expect(report.attempts.map(\.outcome) == [.silent, .silent])
        #expect(
            report.description == """
                \(device.peerPath): no printer answered DLE EOT 1 (tried generic-58mm 9600 8N1, \
                epson-tm-t88v 38400 8N1 rts/cts). Check the cable, the printer's power and its \
                interface settings (its self-test page shows them), then name its profile.
                tried:
                  generic-58mm  9600 8N1  no answer
                  epson-tm-t88v  38400 8N1 rts/cts  no answer
                """)
        await device.close()
    }

    @Test func anEpsonAnswersOverTCP() async throws {
        let listener = try TCPListener(host: "127.0.0.1", port: 0)
        let answering = Task {
            for await connection in listener.connections() {
                var epson = FakeEpson()
                epson.status[4] = 0x12
                for await chunk in connection.chunks() {
                    try? await connection.write(epson.answers(to: chunk))
                }
                await connection.close()
            }
        }

        let report = try await PrinterProbe.probe(
            port: "tcp://127.0.0.1:\(listener.port)",
            candidates: [try profile("generic-58mm"), try profile("epson-tm-t88v")],
            answerTimeout: .seconds(30))

        #expect(report.matchedProfile == "epson-tm-t88v")
        #expect(report.attempts.map(\.settings) == ["tcp"])
        #expect(
            report.description.hasPrefix(
                """
                tcp://127.0.0.1:\(listener.port): a printer answered
                  status: ready
                  identity: EPSON TM-T88V
                """))
        #expect(
            report.description.hasSuffix(
                """
                  profile: epson-tm-t88v (the printer names model TM-T88V)
                tried:
                  any  tcp  answered
                """))
        await listener.close()
        answering.cancel()
    }

    @Test func refusesAPortWithNoWayBack() async throws {
        await #expect {
            _ = try await PrinterProbe.probe(
                port: "file:/tmp/x.bin", candidates: [try profile("generic-58mm")])
        } throws: { error in
            (error as? PrinterProbeError)?.description == "file:/tmp/x.bin: a file: port has no "
                + "way back, so nothing can answer (valid: a serial device path or tcp://HOST:PORT)"
        }
    }
}
