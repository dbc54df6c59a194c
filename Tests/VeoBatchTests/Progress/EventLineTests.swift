import Foundation
import Testing
@testable import VeoBatch

@Suite("Progress: one line per state change for cron and pipes")
struct EventLineTests {
    let time = Date(timeIntervalSince1970: 1_800_000_000.266)

    @Test("Text: ISO 8601 time, take, from → to, message on one line")
    func text() {
        let moved = RunEvent(
            manifest: "shots", rowID: "opening", take: 2, outputName: "opening-take2", from: .submitting, to: .queued,
            taskID: "1999", message: "Submitted as task 1999.", time: time)
        #expect(EventLine.text(moved) == "2027-01-15T08:00:00.266Z opening-take2 submitting → queued  Submitted as task 1999.")
        let new = RunEvent(
            manifest: "shots", rowID: "a", take: 1, outputName: "a", from: nil, to: .pending, taskID: nil,
            message: "Line one\nline two", time: time)
        #expect(EventLine.text(new) == "2027-01-15T08:00:00.266Z a new → pending  Line one line two")
    }

    @Test("JSON: one object per line with every field, absent ones null")
    func json() throws {
        let event = RunEvent(
            manifest: "shots", rowID: "a", take: 1, outputName: "a", from: nil, to: .pending, taskID: nil,
            message: "Say \"hi\" <b>", time: time)
        let line = EventLine.json(event)
        #expect(!line.contains("\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["type", "time", "manifest", "row", "take", "output", "from", "to", "taskId", "message"])
        #expect(object["type"] as? String == "state")
        #expect(object["time"] as? String == "2027-01-15T08:00:00.266Z")
        #expect(object["take"] as? Int == 1)
        #expect(object["from"] is NSNull && object["taskId"] is NSNull)
        #expect(object["to"] as? String == "pending")
        #expect(object["message"] as? String == "Say \"hi\" <b>")
    }
}
