import Foundation
import GRDB

/// A journal date as GRDB stores one: `yyyy-MM-dd HH:mm:ss.SSS` in UTC, to the nearest millisecond.
///
/// GRDB writes that text with a `DateFormatter` (ICU) and reads it back through a `Calendar`.
/// A job row has fifteen date columns and every state change reads the row and writes the
/// changed ones, so those two were about 2.5 % of a run's CPU. The same text is made and read here by
/// arithmetic on the civil calendar; `StoredDateTests` checks it against GRDB both ways. The
/// stored text does not change, so older journals and GRDB's own reads agree with it.
enum StoredDate {
    /// GRDB's text for `date`.
    static func text(_ date: Date) -> String {
        // From 1600 (ICU counts days before the Gregorian reform of 1582 on the Julian calendar)
        // to 9999 (the format's four digits); any other date, none of which a run makes, is left
        // to GRDB.
        let interval = date.timeIntervalSince1970
        guard interval >= Self.firstFastDate, interval < 253_402_300_799.999 else { return grdbText(date) }
        let milliseconds = Int64((interval * 1000 + 0.5).rounded(.down))
        let (seconds, millisecond) = floorDivide(milliseconds, 1000)
        let (days, secondOfDay) = floorDivide(seconds, 86_400)
        let (year, month, day) = civil(fromDays: days)
        var bytes = [UInt8]()
        bytes.reserveCapacity(23)
        func digits(_ value: Int64, _ count: Int) {
            var divisor: Int64 = 1
            for _ in 1..<count { divisor *= 10 }
            var rest = value
            while divisor > 0 {
                bytes.append(UInt8(ascii: "0") + UInt8(rest / divisor))
                rest %= divisor
                divisor /= 10
            }
        }
        digits(year, 4); bytes.append(UInt8(ascii: "-"))
        digits(month, 2); bytes.append(UInt8(ascii: "-"))
        digits(day, 2); bytes.append(UInt8(ascii: " "))
        digits(secondOfDay / 3600, 2); bytes.append(UInt8(ascii: ":"))
        digits(secondOfDay / 60 % 60, 2); bytes.append(UInt8(ascii: ":"))
        digits(secondOfDay % 60, 2); bytes.append(UInt8(ascii: "."))
        digits(millisecond, 3)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The date of a text in exactly GRDB's storage format, or nil for any other text (which
    /// `decode` hands to GRDB).
    static func date(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { bytes -> Date? in
            guard bytes.count == 23, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: " "),
                  bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"), bytes[19] == UInt8(ascii: ".") else { return nil }
            func number(_ start: Int, _ count: Int) -> Int64? {
                var value: Int64 = 0
                for index in start..<(start + count) {
                    let digit = bytes[index] &- UInt8(ascii: "0")
                    guard digit < 10 else { return nil }
                    value = value * 10 + Int64(digit)
                }
                return value
            }
            guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2), let hour = number(11, 2),
                  let minute = number(14, 2), let second = number(17, 2), let millisecond = number(20, 3),
                  year >= 1600, (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60 else { return nil }
            let seconds = days(fromYear: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second
            return Date(timeIntervalSince1970: Double(seconds) + Double(millisecond) / 1000)
        }
    }

    /// What a date column holds.
    static func value(_ date: Date?) -> DatabaseValue {
        date.map { text($0).databaseValue } ?? .null
    }

    /// A date column's value: GRDB's storage text read here, anything else (a date another tool
    /// wrote in another SQLite format) read by GRDB; a value that is no date throws.
    static func decode(_ row: Row, _ column: String) throws -> Date? {
        let value = try row.decode(DatabaseValue.self, forColumn: column)
        if value.isNull { return nil }
        if case .string(let text) = value.storage, let date = date(text) { return date }
        return try row.decode(Date?.self, forColumn: column)
    }

    /// A date column that may not be NULL: GRDB's decoding error when it is.
    static func required(_ row: Row, _ column: String) throws -> Date {
        if let date = try decode(row, column) { return date }
        return try row.decode(Date.self, forColumn: column)
    }

    /// 1600-01-01 00:00:00 UTC.
    private static let firstFastDate: TimeInterval = -11_676_096_000

    private static func grdbText(_ date: Date) -> String {
        guard case .string(let text) = date.databaseValue.storage else { preconditionFailure("GRDB stores a date as text") }
        return text
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> (Int64, Int64) {
        let remainder = value % divisor
        return remainder < 0 ? (value / divisor - 1, remainder + divisor) : (value / divisor, remainder)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
    private static func days(fromYear year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The proleptic Gregorian date of a day count since 1970-01-01 (`civil_from_days`).
    private static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
