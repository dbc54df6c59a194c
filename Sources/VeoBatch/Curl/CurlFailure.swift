import CCurl
import Foundation

/// The one place where libcurl's result codes become `TransportError`s.
///
/// Every `CURLcode` and `CURLMcode` the curl layer sees goes through here, so the mapping to
/// `TransportError.Kind` (which decides whether a submit may be retried) lives in one switch, and
/// every message is built the same way: curl's `curl_easy_strerror` text, then whatever curl wrote
/// into `CURLOPT_ERRORBUFFER`. Messages never contain request headers: curl does not put them there,
/// and `scrubbing` removes any header value that might have slipped in anyway.
enum CurlFailure {
    /// The kind of failure a `CURLcode` stands for.
    static func kind(of code: CURLcode) -> TransportError.Kind {
        switch code {
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            return .couldNotResolve
        case CURLE_COULDNT_CONNECT:
            return .couldNotConnect
        case CURLE_OPERATION_TIMEDOUT:
            return .timedOut
        case CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_PARTIAL_FILE, CURLE_GOT_NOTHING, CURLE_HTTP2,
            CURLE_HTTP2_STREAM:
            return .connectionLost
        // TLS failures that can come after the request was written (a failed close, a server
        // asking for a client certificate after the TLS 1.3 handshake) count as a lost connection:
        // a submit that meets them may have created a task.
        case CURLE_SSL_SHUTDOWN_FAILED, CURLE_SSL_CLIENTCERT:
            return .connectionLost
        // The rest fail while the connection is set up (local TLS set-up, handshake, certificate
        // checks): curl writes the request only after the handshake succeeded.
        case CURLE_SSL_CONNECT_ERROR, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE,
            CURLE_SSL_CRL_BADFILE, CURLE_SSL_ISSUER_ERROR,
            CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_ENGINE_NOTFOUND,
            CURLE_SSL_ENGINE_SETFAILED, CURLE_SSL_ENGINE_INITFAILED,
            CURLE_PEER_FAILED_VERIFICATION, CURLE_USE_SSL_FAILED:
            return .tls
        case CURLE_READ_ERROR, CURLE_WRITE_ERROR, CURLE_FILE_COULDNT_READ_FILE:
            return .localFile
        case CURLE_ABORTED_BY_CALLBACK:
            return .cancelled
        default:
            return .other
        }
    }

    /// A `TransportError` for a failed easy-handle call or transfer.
    ///
    /// - Parameters:
    ///   - errorBuffer: what curl wrote into `CURLOPT_ERRORBUFFER` (may be empty).
    ///   - headers: the request's headers; their values are scrubbed from the message.
    static func error(
        _ code: CURLcode, errorBuffer: String, url: String, headers: [HTTPHeader] = []
    ) -> TransportError {
        let summary = String(cString: curl_easy_strerror(code))
        let detail = errorBuffer.trimmingTrailingWhitespace
        let text = detail.isEmpty || detail == summary ? summary : "\(summary): \(detail)"
        return TransportError(
            kind: kind(of: code),
            curlCode: Int32(bitPattern: code.rawValue),
            message: scrubbing(text, of: headers),
            url: url
        )
    }

    /// A `TransportError` for a failed multi-handle call; these mean the engine itself is broken,
    /// never that a particular request was refused.
    static func error(_ code: CURLMcode, url: String) -> TransportError {
        let summary = String(cString: curl_multi_strerror(code))
        return TransportError(
            kind: .other,
            curlCode: code.rawValue,
            message: "libcurl's multi interface failed: \(summary)",
            url: url
        )
    }

    /// Removes header values (and the token part of `Bearer …`) from text meant for people.
    static func scrubbing(_ text: String, of headers: [HTTPHeader]) -> String {
        var result = text
        for header in headers {
            var secrets = [header.value]
            if let space = header.value.firstIndex(of: " ") {
                secrets.append(String(header.value[header.value.index(after: space)...]))
            }
            // Short values ("1", "gzip") cannot be secrets and would mangle ordinary words.
            for secret in secrets where secret.count >= 8 {
                result = result.replacingOccurrences(of: secret, with: "<redacted>")
            }
        }
        return result
    }
}

extension String {
    fileprivate var trimmingTrailingWhitespace: String {
        var scalars = Substring(self)
        while let last = scalars.last, last.isWhitespace || last == "\0" {
            scalars.removeLast()
        }
        return String(scalars)
    }
}
