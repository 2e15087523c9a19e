extension ESCPOSEncoder {
    /// `GS a n`: makes the printer send an `AutomaticStatus` message whenever one of
    /// `items` changes; an empty set turns Automatic Status Back off (Epson ESC/POS Command
    /// Reference, "GS a").
    public mutating func enableAutomaticStatus(_ items: AutomaticStatus.Items) {
        bytes += [0x1D, 0x61, items.rawValue]
    }
}
