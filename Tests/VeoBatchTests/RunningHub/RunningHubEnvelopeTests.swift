import Foundation
import Testing
import VeoBatch

/// Envelopes as RunningHub sends them now (runninghub-api.md section A item 7).
@Suite struct RunningHubEnvelopeTests {
    @Test("failedReason {} on success is no failure; parentTaskId and numeric taskUsageList ids survive exactly")
    func extraFieldsDecodeWithoutLoss() async throws {
        // 9007199254740993 = 2^53 + 1 and 1999999999999999999: a Double would round both.
        let transport = FakeTransport(.json(#"""
            {"taskId":"2009191190196789249","status":"SUCCESS","errorCode":"","errorMessage":"",
             "results":[{"url":"https://cdn.example.test/out.mp4","outputType":"mp4","nodeId":"","text":null}],
             "usage":{"consumeCoins":"0","consumeMoney":null,"thirdPartyConsumeMoney":"0.95","taskCostTime":"83"},
             "failedReason":{},"parentTaskId":"2009191190196789001",
             "taskUsageList":[{"taskId":9007199254740993,"consumeMoney":"0.95"},{"taskId":1999999999999999999}]}
            """#))
        let snapshot = try await Fixture.client(transport).query(taskID: "2009191190196789249")
        #expect(snapshot.status == .success)
        #expect(snapshot.errorCode == nil)
        #expect(snapshot.failedReason == nil)
        #expect(snapshot.failure() == nil)
        #expect(snapshot.parentTaskID == "2009191190196789001")
        #expect(snapshot.usageTaskIDs == ["9007199254740993", "1999999999999999999"])
        #expect(snapshot.results.count == 1)
    }

    @Test("a failedReason with content is kept beside the error")
    func failedReasonKept() async throws {
        let transport = FakeTransport(.json(#"""
            {"taskId":"1","status":"FAILED","errorCode":"1505","errorMessage":"Photorealistic real people are prohibited",
             "results":null,"failedReason":{"node":"veo","reason":"moderation"}}
            """#))
        let snapshot = try await Fixture.client(transport).query(taskID: "1")
        #expect(snapshot.status == .failed)
        #expect(snapshot.failedReason?.contains("moderation") == true)
    }

    @Test("301 PARAMS_INVALID on a submit is a permanent parameter error, like 1007 and 1001", arguments: ["301", "1007", "1001"])
    func paramsInvalidIsPermanent(code: String) async throws {
        let transport = FakeTransport(.json(#"{"taskId":"","errorCode":"\#(code)","errorMessage":"PARAMS_INVALID: prompt too short"}"#))
        let error = try #require(await Fixture.error { try await Fixture.client(transport).submit(endpoint: "a/b", body: .object([:])) })
        #expect(error.category == .invalidParameters)
        #expect(error.code == code)
    }

    @Test("429 and 5xx with an HTML body: capacity on a submit (no task), outcome unknown for 5xx", arguments: [(429, RunningHubError.Category.capacity), (502, .outcomeUnknown), (503, .outcomeUnknown)])
    func htmlStatusesOnSubmit(status: Int, expected: RunningHubError.Category) async throws {
        let transport = FakeTransport(.raw("<html><body><h1>\(status)</h1></body></html>", status: status))
        let error = try #require(await Fixture.error { try await Fixture.client(transport).submit(endpoint: "a/b", body: .object([:])) })
        #expect(error.category == expected)
        #expect(error.httpStatus == status)
    }
}
