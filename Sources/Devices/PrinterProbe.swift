import DeviceIO
import ESCPOS
import Synchronization

/// Finds out which printer answers on a port: `lanegate devices probe PORT`.
///
/// On a serial port each candidate profile's line settings are tried in turn until one
/// gets a valid `DLE EOT 1` reply (fixed bits right, case P04); a wrong speed gives silence
/// or bytes that are no status. The printer that answered is then asked its status
/// (`DLE EOT` 1 to 4), what it is (`GS I` 1 to 3 and 65 to 68) and, for a candidate whose
/// profile says so, a process ID reply (`GS ( H` function 48). On `tcp://` the line
/// settings do not matter, so there is one attempt. The profile that matches is the one
/// whose `model` the printer names in `GS I 67`, else the one whose settings it answered at.
public enum PrinterProbe {
    /// Makes the transport for one attempt; tests pass their own.
    public typealias TransportMaker =
        @Sendable (DevicePort, SerialOptions) -> any PrinterTransport

    /// Probes `port` with `candidates` (printer profiles; others are skipped), waiting up to
    /// `answerTimeout` for each reply.
    public static func probe(
        port: String, candidates: [DeviceProfile], answerTimeout: Duration = .milliseconds(500),
        transport make: TransportMaker = { $0.printerTransport(serial: $1) }
    ) async throws(PrinterProbeError) -> PrinterProbeReport {
        let parsed: DevicePort
        do {
            parsed = try DevicePort(parsing: port)
        } catch {
            throw PrinterProbeError(port: port, problem: error.problem)
        }
        let printers = candidates.filter { $0.printer != nil }
        guard !printers.isEmpty else {
            throw PrinterProbeError(
                port: port,
                problem: "no printer profile to try (valid: a profile of kind printer, "
                    + "such as epson-tm-t88v)")
        }
        if case .file = parsed {
            throw PrinterProbeError(
                port: port,
                problem: "a file: port has no way back, so nothing can answer "
                    + "(valid: a serial device path or tcp://HOST:PORT)")
        }
        if case .device(let path) = parsed, PrinterDeviceTransport.handles(path) {
            throw PrinterProbeError(
                port: port,
                problem: "a USB printer class node or FIFO is write-only here, so "
                    + "nothing can answer (valid: a serial device path or tcp://HOST:PORT)")
        }

        var report = PrinterProbeReport(port: port)
        let tries: [DeviceProfile]
        if case .tcp = parsed { tries = [printers[0]] } else { tries = printers }
        for candidate in tries {
            let options = serialOptions(candidate.serial)
            let settings: String
            if case .tcp = parsed { settings = "tcp" } else { settings = options.description }
            let outcome = await attempt(
                make(parsed, options), profile: candidate, candidates: printers,
                timeout: answerTimeout)
            // Line settings mean nothing on TCP, so that attempt stands for every candidate.
            report.attempts.append(
                PrinterProbeReport.Attempt(
                    profile: settings == "tcp" ? "any" : candidate.name, settings: settings,
                    outcome: outcome))
            if case .answered = outcome { break }
        }
        report.matchedProfile = match(report, among: printers)
        return report
    }

    /// One attempt at one candidate's settings.
    static func attempt(
        _ transport: any PrinterTransport, profile: DeviceProfile, candidates: [DeviceProfile],
        timeout: Duration
    ) async -> PrinterProbeReport.Outcome {
        // An empty send opens the port (or connects) and says why it cannot.
        do {
            try await transport.send([])
        } catch {
            await transport.close()
            return .failed("\(error)")
        }
        var settings = profile.printer!
        settings.status = true
        let printer = ReceiptPrinter(
            transport: transport, settings: settings, confirmTimeout: timeout)
        let strays = Mutex<[UInt8]>([])
        await printer.setObserver { event in
            if case .strayByte(let byte, _) = event { strays.withLock { $0.append(byte) } }
        }

        await printer.refreshCondition()
        let state = await printer.state
        guard state.source == .status else {
            await transport.close()
            let bytes = strays.withLock { $0 }
            return bytes.isEmpty ? .silent : .invalid(Array(bytes.prefix(16)))
        }
        let identity = await printer.identify()

        // The completion request is worth trying when the profile the printer names (or,
        // failing that, the one tried) says it has one, and the printer is ready to print.
        let named = candidates.first { $0.model.uppercased() == identity.model?.uppercased() }
        var completion: Bool?
        if (named ?? profile).printer?.completion == "process-id", state.condition == .healthy {
            var withCompletion = settings
            withCompletion.completion = "process-id"
            let job = await ReceiptPrinter(
                transport: transport, settings: withCompletion, confirmTimeout: timeout
            ).print([], id: 0)
            completion = job == .confirmed(evidence: "completion")
        }
        let final = await printer.state
        await transport.close()
        return .answered(state: final, identity: identity, completion: completion)
    }

    /// The profile whose model the printer names, else the one whose settings it answered
    /// at; nil when nothing answered.
    static func match(_ report: PrinterProbeReport, among candidates: [DeviceProfile]) -> String? {
        guard let answered = report.answered,
            case .answered(_, let identity, _) = answered.outcome
        else { return nil }
        if let model = identity.model?.uppercased(),
            let named = candidates.first(where: { $0.model.uppercased() == model })
        {
            return named.name
        }
        return answered.settings == "tcp" ? nil : answered.profile
    }

    /// The line settings a profile states; 9600 8N1 without handshake when it states none or
    /// one this build cannot set (the profile loader already refuses those).
    static func serialOptions(_ serial: DeviceProfile.SerialSettings?) -> SerialOptions {
        guard let serial else { return SerialOptions() }
        return SerialOptions(
            baud: SerialOptions.BaudRate(rawValue: serial.baud) ?? .b9600,
            dataBits: SerialOptions.DataBits(rawValue: serial.dataBits) ?? .eight,
            parity: SerialOptions.Parity(rawValue: serial.parity) ?? .none,
            stopBits: SerialOptions.StopBits(rawValue: serial.stopBits) ?? .one,
            flowControl: SerialOptions.FlowControl(rawValue: serial.flowControl) ?? .none)
    }
}
