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
        resultSeenAt = try StoredDate.decode(row, "resultSeenAt")
        outputPath = try row.decode(forColumn: "outputPath")
        outputSHA256 = try row.decode(forColumn: "outputSHA256")
        outputSize = try row.decode(forColumn: "outputSize")
        outputMIME = try row.decode(forColumn: "outputMIME")
        createdAt = try StoredDate.required(row, "createdAt")
        updatedAt = try StoredDate.required(row, "updatedAt")
        uploadingAt = try StoredDate.decode(row, "uploadingAt")
        submittingAt = try StoredDate.decode(row, "submittingAt")
        submittedAt = try StoredDate.decode(row, "submittedAt")
        queuedAt = try StoredDate.decode(row, "queuedAt")
        runningAt = try StoredDate.decode(row, "runningAt")
        downloadingAt = try StoredDate.decode(row, "downloadingAt")
        doneAt = try StoredDate.decode(row, "doneAt")
        failedAt = try StoredDate.decode(row, "failedAt")
        blockedAt = try StoredDate.decode(row, "blockedAt")
        unknownAt = try StoredDate.decode(row, "unknownAt")
        timeoutAt = try StoredDate.decode(row, "timeoutAt")
        estimateCurrency = try row.decode(forColumn: "estimateCurrency")
        estimateSource = try row.decode(forColumn: "estimateSource")
        chargeCurrency = try row.decode(forColumn: "chargeCurrency")
        probeJSON = try row.decode(forColumn: "probeJSON")
        probeError = try row.decode(forColumn: "probeError")
        expiredAt = try StoredDate.decode(row, "expiredAt")
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
        if resultSeenAt != old.resultSeenAt { changed.append(("resultSeenAt", StoredDate.value(resultSeenAt))) }
        if outputPath != old.outputPath { changed.append(("outputPath", outputPath.databaseValue)) }
        if outputSHA256 != old.outputSHA256 { changed.append(("outputSHA256", outputSHA256.databaseValue)) }
        if outputSize != old.outputSize { changed.append(("outputSize", outputSize.databaseValue)) }
        if outputMIME != old.outputMIME { changed.append(("outputMIME", outputMIME.databaseValue)) }
        if createdAt != old.createdAt { changed.append(("createdAt", StoredDate.value(createdAt))) }
        if updatedAt != old.updatedAt { changed.append(("updatedAt", StoredDate.value(updatedAt))) }
        if uploadingAt != old.uploadingAt { changed.append(("uploadingAt", StoredDate.value(uploadingAt))) }
        if submittingAt != old.submittingAt { changed.append(("submittingAt", StoredDate.value(submittingAt))) }
        if submittedAt != old.submittedAt { changed.append(("submittedAt", StoredDate.value(submittedAt))) }
        if queuedAt != old.queuedAt { changed.append(("queuedAt", StoredDate.value(queuedAt))) }
        if runningAt != old.runningAt { changed.append(("runningAt", StoredDate.value(runningAt))) }
        if downloadingAt != old.downloadingAt { changed.append(("downloadingAt", StoredDate.value(downloadingAt))) }
        if doneAt != old.doneAt { changed.append(("doneAt", StoredDate.value(doneAt))) }
        if failedAt != old.failedAt { changed.append(("failedAt", StoredDate.value(failedAt))) }
        if blockedAt != old.blockedAt { changed.append(("blockedAt", StoredDate.value(blockedAt))) }
        if unknownAt != old.unknownAt { changed.append(("unknownAt", StoredDate.value(unknownAt))) }
        if timeoutAt != old.timeoutAt { changed.append(("timeoutAt", StoredDate.value(timeoutAt))) }
        if estimateCurrency != old.estimateCurrency { changed.append(("estimateCurrency", estimateCurrency.databaseValue)) }
        if estimateSource != old.estimateSource { changed.append(("estimateSource", estimateSource.databaseValue)) }
        if chargeCurrency != old.chargeCurrency { changed.append(("chargeCurrency", chargeCurrency.databaseValue)) }
        if probeJSON != old.probeJSON { changed.append(("probeJSON", probeJSON.databaseValue)) }
        if probeError != old.probeError { changed.append(("probeError", probeError.databaseValue)) }
        if expiredAt != old.expiredAt { changed.append(("expiredAt", StoredDate.value(expiredAt))) }
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
        container["resultSeenAt"] = StoredDate.value(resultSeenAt)
        container["outputPath"] = outputPath
        container["outputSHA256"] = outputSHA256
        container["outputSize"] = outputSize
        container["outputMIME"] = outputMIME
        container["createdAt"] = StoredDate.value(createdAt)
        container["updatedAt"] = StoredDate.value(updatedAt)
        container["uploadingAt"] = StoredDate.value(uploadingAt)
        container["submittingAt"] = StoredDate.value(submittingAt)
        container["submittedAt"] = StoredDate.value(submittedAt)
        container["queuedAt"] = StoredDate.value(queuedAt)
        container["runningAt"] = StoredDate.value(runningAt)
        container["downloadingAt"] = StoredDate.value(downloadingAt)
        container["doneAt"] = StoredDate.value(doneAt)
        container["failedAt"] = StoredDate.value(failedAt)
        container["blockedAt"] = StoredDate.value(blockedAt)
        container["unknownAt"] = StoredDate.value(unknownAt)
        container["timeoutAt"] = StoredDate.value(timeoutAt)
        container["estimateCurrency"] = estimateCurrency
        container["estimateSource"] = estimateSource
        container["chargeCurrency"] = chargeCurrency
        container["probeJSON"] = probeJSON
        container["probeError"] = probeError
        container["expiredAt"] = StoredDate.value(expiredAt)
    }
}
