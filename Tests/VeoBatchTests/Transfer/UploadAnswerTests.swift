import Foundation
import Testing
import VeoBatch

/// The one reader of RunningHub's upload answer, shared by the client and `veobatch transfer`.
@Suite struct UploadAnswerTests {
    private func read(_ text: String) -> UploadAnswer {
        UploadAnswer.read(Data(text.utf8))
    }

    @Test("code 0 with data: the download URL, file name, type and a size sent as text")
    func documentedSuccess() {
        let answer = read(
            #"""
            {"code":0,"message":"success","data":{"type":"image","download_url":"https://cdn.example.test/u/a.png?sig=1","fileName":"a.png","size":"3490"}}
            """#)
        #expect(
            answer
                == .uploaded(
                    UploadedMedia(downloadURL: "https://cdn.example.test/u/a.png?sig=1", fileName: "a.png", type: "image", size: 3490)))
    }

    @Test("code 200 (what some clients see) is success too; `filename` and `downloadUrl` spellings are read")
    func code200AndOtherSpellings() {
        let answer = read(
            #"{"code":200,"message":"success","data":{"downloadUrl":"https://cdn.example.test/b.mp4","filename":"b.mp4","size":12}}"#)
        #expect(answer == .uploaded(UploadedMedia(downloadURL: "https://cdn.example.test/b.mp4", fileName: "b.mp4", type: nil, size: 12)))
    }

    @Test("a non-zero code with HTTP 200 is a refusal with the server's message")
    func refusedByCode() {
        #expect(read(#"{"code":"1003","message":"file too large","data":null}"#) == .refused(code: "1003", message: "file too large"))
        #expect(read(#"{"code":805,"msg":"unsupported type"}"#) == .refused(code: "805", message: "unsupported type"))
    }

    @Test("a real errorCode refuses even when code says success; errorCode 0 does not")
    func refusedByErrorCode() {
        #expect(read(#"{"code":0,"errorCode":"1502","errorMessage":"key refused"}"#) == .refused(code: "1502", message: "key refused"))
        #expect(
            read(#"{"errorCode":0,"code":0,"data":{"download_url":"https://cdn.example.test/c.png"}}"#)
                == .uploaded(UploadedMedia(downloadURL: "https://cdn.example.test/c.png", fileName: nil, type: nil, size: nil)))
    }

    @Test("malformed answers are not JSON objects: HTML, truncated JSON, an array, an empty body")
    func malformed() {
        #expect(read("<html><body>502 Bad Gateway</body></html>") == .notJSON)
        #expect(read(#"{"code":0,"data":{"download_url":"https://cdn.exa"#) == .notJSON)
        #expect(read("[1,2]") == .notJSON)
        #expect(read("") == .notJSON)
    }

    @Test("a JSON object without a refusal or a usable download URL has no link")
    func noLink() {
        #expect(read(#"{"ok":true}"#) == .noDownloadURL)
        #expect(read(#"{"code":0,"data":{"download_url":"  "}}"#) == .noDownloadURL)
        #expect(read(#"{"code":0,"data":"https://cdn.example.test/d.png"}"#) == .noDownloadURL)
    }
}
