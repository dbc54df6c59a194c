import Foundation
import Testing
import VeoBatch

/// The contract's example answers (runninghub-api.md), read into typed values.
@Suite struct RunningHubParsingTests {
    // MARK: upload

    @Test func uploadAnswerWithFileNameAndStringSize() async throws {
        let transport = FakeTransport(.json(#"""
            {"code":0,"message":"OK",
             "data":{"type":"image","download_url":"https://rh-images.example.test/openapi/61432a.png?sign=x","fileName":"openapi/61432a.png","size":"3490"}}
            """#))
        let media = try await Fixture.client(transport).upload(fileAt: "/tmp/a.png", progress: nil)
        #expect(media == UploadedMedia(downloadURL: "https://rh-images.example.test/openapi/61432a.png?sign=x", fileName: "openapi/61432a.png", type: "image", size: 3490))
    }

    @Test func uploadAnswerWithLowercaseFilenameAndCode200() async throws {
        let transport = FakeTransport(.json(#"""
            {"code":200,"message":"OK","data":{"type":"video","download_url":"https://cdn.example.test/v.mp4","filename":"openapi/v.mp4","size":"123456789"}}
            """#))
        let media = try await Fixture.client(transport).upload(fileAt: "/tmp/v.mp4", progress: nil)
        #expect(media.fileName == "openapi/v.mp4")
        #expect(media.size == 123_456_789)
        #expect(media.type == "video")
    }

    @Test func uploadAnswerWithoutDownloadURLIsAProtocolViolation() async throws {
        let transport = FakeTransport(.json(#"{"code":0,"message":"OK","data":{"fileName":"openapi/a.png"}}"#))
        let error = await Fixture.error { try await Fixture.client(transport).upload(fileAt: "/tmp/a.png", progress: nil) }
        #expect(error?.category == .protocolViolation)
        #expect(error?.message.contains("download_url") == true)
    }

    // MARK: submit and query

    @Test func submitAnswerGivesARunningSnapshot() async throws {
        let transport = FakeTransport(.json(#"""
            {"taskId":"2013508786110730241","status":"RUNNING","errorCode":"","errorMessage":"",
             "results":null,"clientId":"f828b9af","promptTips":"tips"}
            """#))
        let snapshot = try await Fixture.client(transport).submit(endpoint: "rhart-video-v3.1-pro/start-end-to-video", body: .object([:]))
        #expect(snapshot == TaskSnapshot(taskID: "2013508786110730241", status: .running))
    }

    @Test func querySuccessWithResultsAndStringUsage() async throws {
        let transport = FakeTransport(.json(#"""
            {"taskId":"2009191190196789249","status":"SUCCESS","errorCode":"","errorMessage":"",
             "results":[{"url":"https://rh-images-x.cos.ap-beijing.myqcloud.com/out/xxx.mp4","outputType":"mp4","nodeId":"","text":null}],
             "clientId":"c","promptTips":"p",
             "usage":{"consumeCoins":"17","consumeMoney":"4.70","thirdPartyConsumeMoney":null,"taskCostTime":"83"},
             "failedReason":null,"taskUsageList":[]}
            """#))
        let snapshot = try await Fixture.client(transport).query(taskID: "2009191190196789249")
        #expect(snapshot.taskID == "2009191190196789249")
        #expect(snapshot.status == .success)
        #expect(snapshot.errorCode == nil)
        #expect(snapshot.errorMessage == nil)
        #expect(snapshot.results == [TaskResult(url: "https://rh-images-x.cos.ap-beijing.myqcloud.com/out/xxx.mp4", outputType: "mp4")])
        let usage = try #require(snapshot.usage)
        #expect(usage.consumeMoney == Decimal(string: "4.70"))
        #expect(usage.consumeMoney.map { "\($0)" } == "4.7")
        #expect(usage.thirdPartyConsumeMoney == nil)
        #expect(usage.consumeCoins == 17)
        #expect(usage.taskCostTime == 83)
        #expect(usage.charged == Decimal(string: "4.70"))
        #expect(snapshot.failure() == nil)
    }

    @Test func queryResultsAcceptOutputUrlAndSkipTextOutputs() async throws {
        let transport = FakeTransport(.json(#"""
            {"taskId":"7","status":"SUCCESS","results":[{"outputUrl":"https://cdn.example.test/o.mp4","outputType":"mp4"},{"text":"a caption","outputType":"txt"}],
             "usage":{"consumeMoney":null,"thirdPartyConsumeMoney":"0.80","consumeCoins":null,"taskCostTime":null}}
            """#))
        let snapshot = try await Fixture.client(transport).query(taskID: "7")
        #expect(snapshot.results == [TaskResult(url: "https://cdn.example.test/o.mp4", outputType: "mp4")])
        #expect(snapshot.usage?.charged == Decimal(string: "0.80"))
        // The charge is the sum of the non-null money fields: a consumeMoney of 0 never hides a
        // third-party charge, and coins are never added in.
        #expect(TaskUsage(consumeMoney: 0, thirdPartyConsumeMoney: Decimal(string: "0.58"), consumeCoins: 17).charged == Decimal(string: "0.58"))
        #expect(TaskUsage(consumeMoney: Decimal(string: "0.1"), thirdPartyConsumeMoney: Decimal(string: "0.58")).charged == Decimal(string: "0.68"))
        #expect(TaskUsage(consumeMoney: nil, thirdPartyConsumeMoney: nil, consumeCoins: 17).charged == nil)
    }

    @Test func queryFailedTaskIsASnapshotWhoseFailureShowsTheEnglishHalf() async throws {
        let transport = FakeTransport(.json(#"""
            {"status":"FAILED","errorCode":"1505","errorMessage":"Photorealistic real people are prohibited, please modify your prompt or image|禁止生成写实真人",
             "failedReason":{"exception_type":"TypeError","node_id":"276","node_name":"SONIC_PreData","traceback":["x"]}}
            """#))
        let snapshot = try await Fixture.client(transport).query(taskID: "2009191190196789249")
        #expect(snapshot.taskID == "2009191190196789249")
        #expect(snapshot.status == .failed)
        #expect(snapshot.errorCode == "1505")
        #expect(snapshot.errorMessage == "Photorealistic real people are prohibited, please modify your prompt or image")
        let failure = try #require(snapshot.failure(endpoint: "rhart-video-v3.1-pro/text-to-video"))
        #expect(failure.category == .taskFailed)
        #expect(failure.code == "1505")
        #expect(failure.route == "rhart-video-v3.1-pro/text-to-video")
        #expect(failure.message.contains("Task 2009191190196789249 failed: Photorealistic real people are prohibited"))
        #expect(!failure.message.contains("禁止"))
    }

    @Test func queryErrorCodeAsANumber() async throws {
        let transport = FakeTransport(.json(#"{"taskId":"9","status":"FAILED","errorCode":1015,"errorMessage":"Generation failed, please try again."}"#))
        let snapshot = try await Fixture.client(transport).query(taskID: "9")
        #expect(snapshot.errorCode == "1015")
        #expect(snapshot.failure()?.category == .taskFailed)
    }

    @Test(arguments: ["CANCEL", "CANCELLED"])
    func cancelledTaskIsATaskFailure(status: String) async throws {
        let transport = FakeTransport(.json(#"{"taskId":"9","status":"\#(status)","errorCode":"","errorMessage":""}"#))
        let snapshot = try await Fixture.client(transport).query(taskID: "9")
        #expect(snapshot.status == .cancelled)
        let failure = try #require(snapshot.failure())
        #expect(failure.category == .taskFailed)
        #expect(failure.message.contains("Task 9 was cancelled."))
    }

    @Test func queryWithoutStatusOrCodeIsAProtocolViolation() async throws {
        let transport = FakeTransport(.json(#"{"taskId":"9"}"#))
        let error = await Fixture.error { try await Fixture.client(transport).query(taskID: "9") }
        #expect(error?.category == .protocolViolation)
    }

    // MARK: queue, account, price

    @Test func queueStatusWithStringCounts() async throws {
        let transport = FakeTransport(.json(#"{"code":0,"msg":"success","data":{"apiKeyType":"SHARED","concurrentLimit":50,"runningCount":"1","queuedCount":"2","totalCurrentTasks":"3"}}"#))
        let status = try await Fixture.client(transport).queueStatus()
        #expect(status == QueueStatus(apiKeyType: "SHARED", concurrentLimit: 50, runningCount: 1, queuedCount: 2, totalCurrentTasks: 3))
    }

    @Test func queueStatusWithoutConcurrentLimitIsAProtocolViolation() async throws {
        let transport = FakeTransport(.json(#"{"code":0,"msg":"success","data":{"apiKeyType":"SHARED","runningCount":"1"}}"#))
        let error = await Fixture.error { try await Fixture.client(transport).queueStatus() }
        #expect(error?.category == .protocolViolation)
        #expect(error?.message.contains("concurrentLimit") == true)
    }

    @Test func accountStatusOfficialExample() async throws {
        let transport = FakeTransport(.json(#"{"code":0,"msg":"success","data":{"remainCoins":"99999","currentTaskCounts":"0","remainMoney":"999","currency":"CNY","apiType":"NORMAL"}}"#))
        let status = try await Fixture.client(transport).accountStatus()
        #expect(status == AccountStatus(remainCoins: "99999", currentTaskCounts: 0, remainMoney: 999, currency: "CNY", apiType: "NORMAL"))
    }

    @Test func accountStatusWithNullWallet() async throws {
        let transport = FakeTransport(.json(#"{"code":0,"msg":"success","data":{"remainCoins":"76600","currentTaskCounts":"0","remainMoney":null,"currency":null,"apiType":"NORMAL"}}"#))
        let status = try await Fixture.client(transport).accountStatus()
        #expect(status == AccountStatus(remainCoins: "76600", currentTaskCounts: 0, remainMoney: nil, currency: nil, apiType: "NORMAL"))
    }

    @Test(arguments: [
        #"{"errorCode":0,"errorMessage":"","estimatedPrice":0.35,"currency":"CNY","priceText":"0.35 元","priceTextEn":"0.35 CNY","freeLimit":true,"freeLimitCount":100,"remainingFreeLimitCount":97,"isFreeThisCall":false}"#,
        #"{"errorCode":"","errorMessage":"","estimatedPrice":"0.35","currency":"CNY","freeLimitCount":"100","remainingFreeLimitCount":"97"}"#,
    ])
    func pricePreviewWithNumberOrStringPrice(answer: String) async throws {
        let transport = FakeTransport(.json(answer))
        let preview = try await Fixture.client(transport).pricePreview(endpoint: "rhart-video-v3.1-fast/text-to-video", body: .object([:]))
        #expect(preview == PricePreview(estimatedPrice: Decimal(string: "0.35")!, currency: "CNY"))
    }

    @Test func pricePreviewRefusal() async throws {
        let transport = FakeTransport(.json(#"{"errorCode":"1007","errorMessage":"Invalid parameters, please check your input|参数错误"}"#))
        let error = await Fixture.error {
            try await Fixture.client(transport).pricePreview(endpoint: "rhart-video-v3.1-fast/text-to-video", body: .object([:]))
        }
        #expect(error?.category == .invalidParameters)
        #expect(error?.code == "1007")
        #expect(error?.route == "price-preview/rhart-video-v3.1-fast/text-to-video")
    }
}
