import Foundation

@testable import Devices

/// The evdev recordings of Tests/Fixtures/evdev, and a clockless replay of them.
enum KeyboardWedgeFixture {
    static func path(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/evdev/\(name)").path
    }

    static func load(_ name: String) throws -> Recording {
        try Recording(contentsOf: path(name))
    }

    /// Feeds a recording to a decoder, calling `idle()` wherever the recording falls
    /// silent for longer than the idle gap and at its end; a `gone` drops what is typed.
    static func decode(_ recording: Recording, settings: KeyboardWedgeSettings) -> [ScanFrame] {
        var decoder = KeyboardWedgeDecoder(settings: settings)
        var frames: [ScanFrame] = []
        var last: Duration?
        for event in recording.events {
            if let gap = settings.idleGap, let last, event.time - last > gap {
                frames += decoder.idle()
            }
            last = event.time
            switch event.action {
            case .event(let input): frames += decoder.feed(input)
            case .gone:
                decoder.reset()
                return frames
            default: break
            }
        }
        return frames + decoder.idle()
    }

    static func messages(_ frames: [ScanFrame]) -> [String] {
        frames.map {
            switch $0 {
            case .message(let bytes): String(decoding: bytes, as: UTF8.self)
            case .dropped(let error): "dropped: \(error)"
            }
        }
    }
}
