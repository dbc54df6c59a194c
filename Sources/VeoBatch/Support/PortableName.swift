/// `[A-Za-z0-9._-]`: the characters of a manifest row id, an output name and each part of an
/// endpoint path, names that become file names and URL paths as they are. Checked on bytes (a
/// byte of a non-ASCII character is never one of them), because every path of every job and
/// every request's endpoint is checked.
enum PortableName {
    static func isAllowed(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
            return true
        default:
            return false
        }
    }

    /// Every character of `name` is allowed (an empty name too: callers refuse it apart).
    static func isMadeOfAllowed(_ name: some Collection<UInt8>) -> Bool {
        name.allSatisfy(isAllowed)
    }
}
