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

    /// The columns whose values differ from `old` (the same job as stored), in property order,
    /// so a given set of them always makes the same SQL. Only those values are converted.
    func changedColumns(since old: JobRecord) -> [(column: String, value: DatabaseValue)] {
        var changed: [(column: String, value: DatabaseValue)] = []
        if manifest != old.manifest { changed.append(("manifest", manifest.databaseValue)) }
        if rowID != old.rowID { changed.append(("rowID", rowID.databaseValue)) }
        if take != old.take { changed.append(("take", take.databaseValue)) }
        if outputName != old.outputName { changed.append(("outputName", outputName.databaseValue)) }
        if line != old.line { changed.append(("line", line.databaseValue)) }
        if endpoint != old.endpoint { changed.append(("endpoint", endpoint.databaseValue)) }
        if parametersJSON != old.parametersJSON { changed.append(("parametersJSON", parametersJSON.databaseValue)) }
        if mediaJSON != old.mediaJSON { changed.append(("mediaJSON", mediaJSON.databaseValue)) }
        if inputsJSON != old.inputsJSON { changed.append(("inputsJSON", inputsJSON.databaseValue)) }
        if fingerprint != old.fingerprint { changed.append(("fingerprint", fingerprint.databaseValue)) }
        if state != old.state { changed.append(("state", state.databaseValue)) }
        if isCurrent != old.isCurrent { changed.append(("isCurrent", isCurrent.databaseValue)) }
        if resolution != old.resolution { changed.append(("resolution", resolution.databaseValue)) }
        if taskID != old.taskID { changed.append(("taskID", taskID.databaseValue)) }
        if attempts != old.attempts { changed.append(("attempts", attempts.databaseValue)) }
        if errorCode != old.errorCode { changed.append(("errorCode", errorCode.databaseValue)) }
        if errorMessage != old.errorMessage { changed.append(("errorMessage", errorMessage.databaseValue)) }
        if estimatedCost != old.estimatedCost { changed.append(("estimatedCost", estimatedCost.databaseValue)) }
        if actualCost != old.actualCost { changed.append(("actualCost", actualCost.databaseValue)) }
        if usageJSON != old.usageJSON { changed.append(("usageJSON", usageJSON.databaseValue)) }
        if requestBodyJSON != old.requestBodyJSON { changed.append(("requestBodyJSON", requestBodyJSON.databaseValue)) }
        if resultURL != old.resultURL { changed.append(("resultURL", resultURL.databaseValue)) }
        if resultSeenAt != old.resultSeenAt { changed.append(("resultSeenAt", resultSeenAt.databaseValue)) }
        if outputPath != old.outputPath { changed.append(("outputPath", outputPath.databaseValue)) }
        if outputSHA256 != old.outputSHA256 { changed.append(("outputSHA256", outputSHA256.databaseValue)) }
        if outputSize != old.outputSize { changed.append(("outputSize", outputSize.databaseValue)) }
        if outputMIME != old.outputMIME { changed.append(("outputMIME", outputMIME.databaseValue)) }
        if createdAt != old.createdAt { changed.append(("createdAt", createdAt.databaseValue)) }
        if updatedAt != old.updatedAt { changed.append(("updatedAt", updatedAt.databaseValue)) }
        if uploadingAt != old.uploadingAt { changed.append(("uploadingAt", uploadingAt.databaseValue)) }
        if submittingAt != old.submittingAt { changed.append(("submittingAt", submittingAt.databaseValue)) }
        if submittedAt != old.submittedAt { changed.append(("submittedAt", submittedAt.databaseValue)) }
        if queuedAt != old.queuedAt { changed.append(("queuedAt", queuedAt.databaseValue)) }
        if runningAt != old.runningAt { changed.append(("runningAt", runningAt.databaseValue)) }
        if downloadingAt != old.downloadingAt { changed.append(("downloadingAt", downloadingAt.databaseValue)) }
        if doneAt != old.doneAt { changed.append(("doneAt", doneAt.databaseValue)) }
        if failedAt != old.failedAt { changed.append(("failedAt", failedAt.databaseValue)) }
        if blockedAt != old.blockedAt { changed.append(("blockedAt", blockedAt.databaseValue)) }
        if unknownAt != old.unknownAt { changed.append(("unknownAt", unknownAt.databaseValue)) }
        if timeoutAt != old.timeoutAt { changed.append(("timeoutAt", timeoutAt.databaseValue)) }
        if estimateCurrency != old.estimateCurrency { changed.append(("estimateCurrency", estimateCurrency.databaseValue)) }
        if estimateSource != old.estimateSource { changed.append(("estimateSource", estimateSource.databaseValue)) }
        if chargeCurrency != old.chargeCurrency { changed.append(("chargeCurrency", chargeCurrency.databaseValue)) }
        if probeJSON != old.probeJSON { changed.append(("probeJSON", probeJSON.databaseValue)) }
        if probeError != old.probeError { changed.append(("probeError", probeError.databaseValue)) }
        if expiredAt != old.expiredAt { changed.append(("expiredAt", expiredAt.databaseValue)) }
        return changed
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
