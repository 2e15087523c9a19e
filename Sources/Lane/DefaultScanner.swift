import Devices

/// The scanner `lanegate scan` assumes without `--profile`: AIM identifiers optional, each
/// message ended by CR, LF or CRLF.
public enum DefaultScanner {
    public static let settings = DeviceProfile.ScannerSettings(
        prefix: [], suffixes: [[0x0D, 0x0A], [0x0D], [0x0A]], endsOn: "suffix",
        idleGapMilliseconds: 50, aim: "optional")
}
