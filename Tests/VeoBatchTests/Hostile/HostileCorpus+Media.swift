import Foundation

/// Media that is missing, escapes the media root, is not a regular file, lies about its type or is
/// too big — and URLs that are not https (or loopback http).
extension HostileCorpus {
    static var mediaCases: [HostileCase] {
        [
            HostileCase("media-missing", 2, 4, "file 'frames/a.png' does not exist") { folder in
                try folder.manifest(firstFrame("frames/a.png"))
            },
            // A link dropped into the shot folder must not send an arbitrary file to third-party storage.
            HostileCase("media-symlink-out-of-root", 2, 4, "is a symlink to") { folder in
                let secret = try folder.outsideFile("private.png", HostileMedia.png)
                try folder.symlink("frame.png", to: secret)
                try folder.manifest(firstFrame("frame.png"))
            },
            HostileCase("media-relative-symlink-out-of-root", 2, 4, "outside the media root") { folder in
                try folder.outsideFile("private.png", HostileMedia.png)
                try folder.symlink("frame.png", to: "../media-relative-symlink-out-of-root.outside/private.png")
                try folder.manifest(firstFrame("frame.png"))
            },
            HostileCase("media-symlink-chain-out-of-root", 2, 4, "is a symlink to") { folder in
                let secret = try folder.outsideFile("private.png", HostileMedia.png)
                try folder.symlink("hop.png", to: secret)
                try folder.symlink("frame.png", to: "hop.png")
                try folder.manifest(firstFrame("frame.png"))
            },
            HostileCase("media-symlinked-folder-out-of-root", 2, 4, "lies in a symlinked folder") { folder in
                let secret = try folder.outsideFile("photos/private.png", HostileMedia.png)
                try folder.symlink("frames", to: (secret as NSString).deletingLastPathComponent)
                try folder.manifest(firstFrame("frames/private.png"))
            },
            HostileCase("media-broken-symlink", 2, 4, "is a broken symlink") { folder in
                try folder.symlink("frame.png", to: "gone.png")
                try folder.manifest(firstFrame("frame.png"))
            },
            HostileCase("media-symlink-loop", 2, 4, "is a broken symlink") { folder in
                try folder.symlink("frame.png", to: "frame.png")
                try folder.manifest(firstFrame("frame.png"))
            },
            HostileCase("media-directory", 2, 4, "'frames' is a directory, not a file") { folder in
                try folder.directory("frames")
                try folder.manifest(firstFrame("frames"))
            },
            // Opening a FIFO would block forever; it must be refused from its metadata.
            HostileCase("media-fifo", 2, 4, "is not a regular file") { folder in
                try folder.fifo("frame.png")
                try folder.manifest(firstFrame("frame.png"))
            },
            HostileCase("media-device", 2, 4, "'/dev/zero' is not a regular file") { folder in
                try folder.manifest(firstFrame("/dev/zero"))
            },
            HostileCase("media-text-named-png", 2, 4, "is text/plain by its content") { folder in
                try folder.file("frame.png", HostileMedia.text)
                try folder.manifest(firstFrame("frame.png"))
            },
            HostileCase("media-html-named-jpg", 2, 4, "is text/html by its content") { folder in
                try folder.file("frame.jpg", HostileMedia.html)
                try folder.manifest(firstFrame("frame.jpg"))
            },
            HostileCase("media-system-file-by-parent-path", 2, 4, "is text/plain by its content") { folder in
                try folder.manifest(firstFrame("../../../../../../../../../../etc/passwd"))
            },
            HostileCase("media-png-named-mp4-in-video", 2, 3, "is image/png by its content") { folder in
                try folder.file("clip.mp4", HostileMedia.png)
                try folder.manifest(csv("id,model,video", "a,\(videoExtend),clip.mp4"))
            },
            HostileCase("media-mp4-named-png-in-first-frame", 2, 4, "is video/mp4 by its content") { folder in
                try folder.file("frame.png", HostileMedia.mp4)
                try folder.manifest(firstFrame("frame.png"))
            },
            HostileCase("media-webp-where-only-jpg-png", 2, 4, "is image/webp by its content") { folder in
                try folder.file("frame.webp", HostileMedia.webp)
                try folder.manifest(firstFrame("frame.webp"))
            },
            HostileCase("media-empty-file", 2, 4, "file 'frame.png' is empty") { folder in
                try folder.file("frame.png", Data())
                try folder.manifest(firstFrame("frame.png"))
            },
            // Sparse: a real PNG header, then a hole up to 11 MiB — no disk used.
            HostileCase("media-oversized-image", 2, 4, "is 11.0 MB; imageUrl takes at most 10 MB") { folder in
                try folder.sparseFile("frame.png", header: HostileMedia.png, size: 11 * 1_048_576)
                try folder.manifest(firstFrame("frame.png"))
            },
            HostileCase("media-oversized-video", 2, 3, "is 10.5 MB; video takes at most 10 MB") { folder in
                try folder.sparseFile("clip.mp4", header: HostileMedia.mp4, size: 10 * 1_048_576 + 524_288)
                try folder.manifest(csv("id,model,video", "a,\(videoExtend),clip.mp4"))
            },
            HostileCase("media-too-many-reference-images", 2, 4, "reference_images lists 4 images") { folder in
                for name in ["a.png", "b.png", "c.png", "d.png"] { try folder.file(name, HostileMedia.png) }
                try folder.manifest(csv("id,model,prompt,reference_images", "a,\(referenceToVideo),\(prompt),a.png;b.png;c.png;d.png"))
            },
        ]
    }

    /// Media URLs go to the vendor as they are: https only, plain http only for loopback.
    static var urlCases: [HostileCase] {
        let mustUseHTTPS = "must use https; http is allowed only for 127.0.0.1, localhost and [::1]"
        let malformed = "is not a well-formed URL"
        func url(_ name: String, _ value: String, _ message: String) -> HostileCase {
            HostileCase(name, 2, 4, message, csv: firstFrame(ManifestQuoting.quote(value)))
        }
        return [
            url("url-ftp", "ftp://cdn.example.com/a.png", mustUseHTTPS),
            url("url-http-remote-host", "http://cdn.example.com/a.png", mustUseHTTPS),
            url("url-http-userinfo-lookalike", "http://localhost@evil.example.com/a.png", mustUseHTTPS),
            url("url-http-loopback-lookalike", "http://127.0.0.1.evil.example.com/a.png", mustUseHTTPS),
            url("url-no-host", "https:///a.png", malformed),
            url("url-space", "https://cdn.example.com/my frame.png", malformed),
            url("url-tab", "https://cdn.example.com/my\tframe.png", malformed),
            url("url-file-scheme", "file:///etc/passwd", malformed),
            HostileCase("url-bad-in-reference-list", 2, 4, mustUseHTTPS) { folder in
                try folder.file("a.png", HostileMedia.png)
                try folder.manifest(csv("id,model,prompt,reference_images",
                                        "a,\(referenceToVideo),\(prompt),a.png;ftp://cdn.example.com/b.png"))
            },
        ]
    }
}
