import Foundation
import GRDB
import RunningHubSimulator
import Testing
@testable import VeoBatch

/// `StoredDate` writes and reads the journal's dates without GRDB's `DateFormatter` and
/// `Calendar`; the text must be GRDB's to the character, and GRDB's text must read back as the
/// date GRDB reads.
@Suite("Journal: dates as GRDB stores them")
struct StoredDateTests {
    /// Edges of days, months, leap years, milliseconds and the four-digit years, and a spread of
    /// dates up to 2100 (seeded, so a run repeats the last one).
    static func samples() -> [Date] {
        var dates = [
            0, 0.0005, 0.999, 0.9999, 59.999, 86_399.999, 86_400, 951_782_400, // 2000-02-29
            951_868_799.9995, 1_709_164_800.25, 1_735_689_599.999, 1_735_689_600, 4_102_444_799.999,
            -0.001, -86_400.5, // before 1970
            -11_676_096_000, -11_676_096_000.001, 253_402_300_799.998, // 1600-01-01, just before, the last of 9999
            -62_135_596_800, 253_402_300_800, // years 1 and 10000: left to GRDB
        ].map { Date(timeIntervalSince1970: $0) }
        var generator = SeededRandom(seed: 0x5EED_DA7E)
        for _ in 0..<20_000 {
            dates.append(Date(timeIntervalSince1970: Double.random(in: 0..<4_102_444_800, using: &generator)))
        }
        return dates
    }

    @Test("The text is GRDB's text for the same date")
    func textMatchesGRDB() throws {
        for date in Self.samples() {
            let grdb = try #require(String.fromDatabaseValue(date.databaseValue))
            #expect(StoredDate.text(date) == grdb, "\(date.timeIntervalSince1970)")
        }
    }

    @Test("GRDB's text reads back as the date GRDB reads")
    func readMatchesGRDB() throws {
        for date in Self.samples() {
            let text = try #require(String.fromDatabaseValue(date.databaseValue))
            // GRDB does not read its own text of year 10000.
            guard let grdb = Date.fromDatabaseValue(text.databaseValue) else { continue }
            guard let ours = StoredDate.date(text) else {
                // Left to GRDB: only dates before 1600, which ICU counts on the Julian calendar.
                #expect(date.timeIntervalSince1970 < -11_676_096_000, "\(text)")
                continue
            }
            #expect(abs(ours.timeIntervalSince(grdb)) < 1e-6, "\(text)")
            #expect(StoredDate.text(ours) == text)
        }
    }

    @Test("Other SQLite date texts are left to GRDB, and text that is no date throws")
    func otherTexts() throws {
        #expect(StoredDate.date("2026-12-06") == nil)
        #expect(StoredDate.date("2026-12-06 10:00:00") == nil)
        #expect(StoredDate.date("2026-13-06 10:00:00.000") == nil)
        #expect(StoredDate.date("2026-12-06T10:00:00.000") == nil)
        let row = try DatabaseQueue().read { db in
            try Row.fetchOne(db, sql: "SELECT '2026-12-06' AS short, NULL AS empty, 'soon' AS bad, '2026-12-06 10:00:00.250' AS full")
        }
        let values = try #require(row)
        #expect(try StoredDate.decode(values, "short") == Date.fromDatabaseValue("2026-12-06".databaseValue))
        #expect(try StoredDate.decode(values, "empty") == nil)
        #expect(throws: (any Error).self) { try StoredDate.decode(values, "bad") }
        #expect(throws: (any Error).self) { try StoredDate.required(values, "empty") }
        #expect(try StoredDate.required(values, "full") == Date(timeIntervalSince1970: 1_796_551_200.25))
    }
}
