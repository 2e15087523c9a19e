/// How the autocutter cuts the paper (`GS V`).
public enum CutMode: Sendable {
    /// Cut right through (`GS V 0`, or `GS V 65 n` after feeding).
    case full
    /// Leave a tab uncut so the receipt hangs (`GS V 1`, or `GS V 66 n`).
    case partial
}
