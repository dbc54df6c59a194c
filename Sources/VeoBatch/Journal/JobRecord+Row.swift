import Foundation
import GRDB

// `JobRecord` to and from a row of `jobs`, column by column. GRDB's Codable mapping did the same
// through a decoder and an encoder built for each record, and every state change reads a job and
// writes it back: that mapping was 12 % of a run's CPU. A column that is missing or does not
// decode (a `state` this veobatch does not know) throws, as it did through Codable. Keep the
// columns in the order of the properties; `JobRecordRowTests` round-trips every one of them.
extension JobRecord {
    public init(row: Row) throws {
        id = try row.decode(forColumn: "id")
        manifest = try row.decode(forColumn: "manifest")
        rowID = try row.decode(forColumn: "rowID")
        take = try row.decode(forColumn: "take")
        outputName = try row.decode(forColumn: "outputName")
        line = try row.decode(forColumn: "line")
        endpoint = try row.decode(forColumn: "endpoint")
        parametersJSON = try row.decode(forColumn: "parametersJSON")
        mediaJSON = try row.decode(forColumn: "mediaJSON")
        inputsJSON = try row.decode(forColumn: "inputsJSON")
        fingerprint = try row.decode(forColumn: "fingerprint")
        state = try row.decode(forColumn: "state")
        isCurrent = try row.decode(forColumn: "isCurrent")
        resolution = try row.decode(forColumn: "resolution")
        taskID = try row.decode(forColumn: "taskID")
        attempts = try row.decode(forColumn: "attempts")
        errorCode = try row.decode(forColumn: "errorCode")
        errorMessage = try row.decode(forColumn: "errorMessage")
        estimatedCost = try row.decode(forColumn: "estimatedCost")
        actualCost = try row.decode(forColumn: "actualCost")
        usageJSON = try row.decode(forColumn: "usageJSON")
        requestBodyJSON = try row.decode(forColumn: "requestBodyJSON")
        resultURL = try row.decode(forColumn: "resultURL")
        resultSeenAt = try row.decode(forColumn: "resultSeenAt")
        outputPath = try row.decode(forColumn: "outputPath")
        outputSHA256 = try row.decode(forColumn: "outputSHA256")
        outputSize = try row.decode(forColumn: "outputSize")
        outputMIME = try row.decode(forColumn: "outputMIME")
        createdAt = try row.decode(forColumn: "createdAt")
        updatedAt = try row.decode(forColumn: "updatedAt")
        uploadingAt = try row.decode(forColumn: "uploadingAt")
        submittingAt = try row.decode(forColumn: "submittingAt")
        submittedAt = try row.decode(forColumn: "submittedAt")
        queuedAt = try row.decode(forColumn: "queuedAt")
        runningAt = try row.decode(forColumn: "runningAt")
        downloadingAt = try row.decode(forColumn: "downloadingAt")
        doneAt = try row.decode(forColumn: "doneAt")
        failedAt = try row.decode(forColumn: "failedAt")
        blockedAt = try row.decode(forColumn: "blockedAt")
        unknownAt = try row.decode(forColumn: "unknownAt")
        timeoutAt = try row.decode(forColumn: "timeoutAt")
        estimateCurrency = try row.decode(forColumn: "estimateCurrency")
        estimateSource = try row.decode(forColumn: "estimateSource")
        chargeCurrency = try row.decode(forColumn: "chargeCurrency")
        probeJSON = try row.decode(forColumn: "probeJSON")
        probeError = try row.decode(forColumn: "probeError")
        expiredAt = try row.decode(forColumn: "expiredAt")
    }

    public func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["manifest"] = manifest
        container["rowID"] = rowID
        container["take"] = take
        container["outputName"] = outputName
        container["line"] = line
        container["endpoint"] = endpoint
        container["parametersJSON"] = parametersJSON
        container["mediaJSON"] = mediaJSON
        container["inputsJSON"] = inputsJSON
        container["fingerprint"] = fingerprint
        container["state"] = state
        container["isCurrent"] = isCurrent
        container["resolution"] = resolution
        container["taskID"] = taskID
        container["attempts"] = attempts
        container["errorCode"] = errorCode
        container["errorMessage"] = errorMessage
        container["estimatedCost"] = estimatedCost
        container["actualCost"] = actualCost
        container["usageJSON"] = usageJSON
        container["requestBodyJSON"] = requestBodyJSON
        container["resultURL"] = resultURL
        container["resultSeenAt"] = resultSeenAt
        container["outputPath"] = outputPath
        container["outputSHA256"] = outputSHA256
        container["outputSize"] = outputSize
        container["outputMIME"] = outputMIME
        container["createdAt"] = createdAt
        container["updatedAt"] = updatedAt
        container["uploadingAt"] = uploadingAt
        container["submittingAt"] = submittingAt
        container["submittedAt"] = submittedAt
        container["queuedAt"] = queuedAt
        container["runningAt"] = runningAt
        container["downloadingAt"] = downloadingAt
        container["doneAt"] = doneAt
        container["failedAt"] = failedAt
        container["blockedAt"] = blockedAt
        container["unknownAt"] = unknownAt
        container["timeoutAt"] = timeoutAt
        container["estimateCurrency"] = estimateCurrency
        container["estimateSource"] = estimateSource
        container["chargeCurrency"] = chargeCurrency
        container["probeJSON"] = probeJSON
        container["probeError"] = probeError
        container["expiredAt"] = expiredAt
    }
}
