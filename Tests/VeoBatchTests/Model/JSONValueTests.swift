import Foundation
import Testing
@testable import VeoBatch

/// `JSONValue` reads each JSON kind as itself: request fingerprints and answers are built on it.
@Suite("JSONValue: every kind read as itself")
struct JSONValueTests {
    private func decoded(_ json: String) throws -> [JSONValue] {
        try JSONDecoder().decode([JSONValue].self, from: Data(json.utf8))
    }

    @Test("Strings, objects, integers, Booleans, doubles, arrays and null")
    func kinds() throws {
        let values = try decoded(#"["8", {"a": 1}, 8, true, false, 2.5, [1, "x", null], null, -0, 1e2, 8.0, 9223372036854775807, 9223372036854775808]"#)
        #expect(values == [
            .string("8"), .object(["a": .int(1)]), .int(8), .bool(true), .bool(false), .double(2.5),
            .array([.int(1), .string("x"), .null]), .null, .int(0), .int(100), .int(8), .int(Int64.max), .double(9223372036854775808),
        ])
    }

    @Test("The decoder keeps Booleans and integers apart, so the order of guesses changes no value")
    func booleansAreNoIntegers() throws {
        let decoder = JSONDecoder()
        #expect(throws: DecodingError.self) { try decoder.decode([Bool].self, from: Data("[1]".utf8)) }
        #expect(throws: DecodingError.self) { try decoder.decode([Bool].self, from: Data("[0]".utf8)) }
        #expect(throws: DecodingError.self) { try decoder.decode([Int64].self, from: Data("[true]".utf8)) }
    }

    @Test("The canonical text is compact with sorted keys, and reads back as the same value")
    func canonicalRoundTrip() throws {
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(#"{"b": [true, 1, 1.5, "s/t"], "a": null}"#.utf8))
        #expect(value.canonicalString == #"{"a":null,"b":[true,1,1.5,"s/t"]}"#)
        #expect(try JSONDecoder().decode(JSONValue.self, from: value.canonicalData()) == value)
    }
}
