import CCurl
import Testing

@testable import VeoBatch

/// The CURLcode → TransportError choke point and the response-head parser, without a network.
@Suite("Curl failure mapping and response heads")
struct CurlFailureTests {
    @Test(
        "curl codes map to the transport error kinds",
        arguments: [
            (CURLE_COULDNT_RESOLVE_HOST, TransportError.Kind.couldNotResolve),
            (CURLE_COULDNT_RESOLVE_PROXY, .couldNotResolve),
            (CURLE_COULDNT_CONNECT, .couldNotConnect),
            (CURLE_OPERATION_TIMEDOUT, .timedOut),
            (CURLE_SEND_ERROR, .connectionLost),
            (CURLE_RECV_ERROR, .connectionLost),
            (CURLE_PARTIAL_FILE, .connectionLost),
            (CURLE_GOT_NOTHING, .connectionLost),
            (CURLE_SSL_CONNECT_ERROR, .tls),
            (CURLE_PEER_FAILED_VERIFICATION, .tls),
            (CURLE_SSL_CACERT_BADFILE, .tls),
            // These two can come after the request was written: a submit meeting them may have landed.
            (CURLE_SSL_SHUTDOWN_FAILED, .connectionLost),
            (CURLE_SSL_CLIENTCERT, .connectionLost),
            (CURLE_READ_ERROR, .localFile),
            (CURLE_WRITE_ERROR, .localFile),
            (CURLE_FILE_COULDNT_READ_FILE, .localFile),
            (CURLE_ABORTED_BY_CALLBACK, .cancelled),
            (CURLE_URL_MALFORMAT, .other),
        ])
    func codeMapping(code: CURLcode, kind: TransportError.Kind) {
        #expect(CurlFailure.kind(of: code) == kind)
    }

    @Test("Messages carry curl's text, the error buffer and the URL, never a header value")
    func messageContents() {
        let error = CurlFailure.error(
            CURLE_COULDNT_CONNECT, errorBuffer: "Failed to connect to api.example port 443: refused token sk-live-ABCDEFGH\n",
            url: "https://api.example/task", headers: [HTTPHeader("Authorization", "Bearer sk-live-ABCDEFGH")])
        #expect(error.message.hasPrefix("Couldn't connect to server: Failed to connect to api.example port 443"))
        #expect(!error.message.contains("sk-live-ABCDEFGH"))
        #expect(error.message.contains("<redacted>"))
        #expect("\(error)".contains("https://api.example/task"))
        #expect(error.curlCode == 7)
    }

    @Test("Only the final head's status and headers are kept")
    func responseHeadKeepsFinalHead() {
        var head = ResponseHead()
        for line in [
            "HTTP/1.1 100 Continue\r\n", "\r\n", "HTTP/1.1 206 Partial Content\r\n", "Content-Range: bytes 100-199/1000\r\n",
            "content-length:  100 \r\n", "\r\n",
        ] {
            Array(line.utf8).withUnsafeBytes { head.consume(line: $0) }
        }
        #expect(head.status == 206)
        #expect(head.headers.count == 2)
        #expect(head.contentLength == 100)
        #expect(head.contentRange == ResponseHead.ContentRange(parsing: "bytes 100-199/1000"))
        #expect(head.contentRange?.first == 100)
        #expect(head.contentRange?.completeLength == 1000)
    }

    @Test("Content-Range parsing accepts the valid forms and rejects the rest")
    func contentRangeParsing() {
        #expect(ResponseHead.ContentRange(parsing: "bytes */5000")?.completeLength == 5000)
        #expect(ResponseHead.ContentRange(parsing: "bytes */5000")?.first == nil)
        #expect(ResponseHead.ContentRange(parsing: "bytes 0-9/*")?.completeLength == nil)
        #expect(ResponseHead.ContentRange(parsing: "bytes 0-9/*")?.last == 9)
        #expect(ResponseHead.ContentRange(parsing: "bytes 9-0/10") == nil)
        #expect(ResponseHead.ContentRange(parsing: "items 0-9/10") == nil)
        #expect(ResponseHead.ContentRange(parsing: "bytes 0-9") == nil)
    }
}
