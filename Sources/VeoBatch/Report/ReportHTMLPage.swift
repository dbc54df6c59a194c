import Crypto
import Foundation

/// The fixed parts of `report.html`: its style sheet, its one small script, and the content
/// security policy that keeps the page off the network (only files and `data:` images load,
/// and only the script whose hash is in the policy runs).
enum ReportHTMLPage {
    /// Does nothing unless the page is opened with a test fragment. `report.html#selftest` (the
    /// browser test): waits for every video's metadata, then writes what loaded and any error
    /// into `<pre id="selftest">`. `report.html#still` (screenshots): loads the clips whole, so a
    /// headless browser has painted every first frame before it takes the picture.
    static let selfTestScript = """
        (function () {
          if (location.hash === "#still") {
            addEventListener("DOMContentLoaded", function () {
              [].forEach.call(document.querySelectorAll("video"), function (v) { v.preload = "auto"; });
            });
            return;
          }
          if (location.hash !== "#selftest") return;
          var errors = [];
          addEventListener("error", function (e) {
            var t = e.target;
            errors.push(t && t.tagName ? "could not load " + t.tagName.toLowerCase() + " " + (t.currentSrc || t.getAttribute("src")) : String(e.message));
          }, true);
          addEventListener("unhandledrejection", function (e) { errors.push("unhandled rejection: " + e.reason); });
          var original = console.error;
          console.error = function () { errors.push("console.error: " + [].join.call(arguments, " ")); original.apply(console, arguments); };
          addEventListener("load", function () {
            var videos = [].slice.call(document.querySelectorAll("video"));
            Promise.all(videos.map(function (v) {
              return v.readyState >= 1 || v.error ? 0 : new Promise(function (done) {
                v.addEventListener("loadedmetadata", done);
                v.addEventListener("error", done);
              });
            })).then(function () {
              var out = document.createElement("pre");
              out.id = "selftest";
              out.textContent = JSON.stringify({
                videos: videos.map(function (v) {
                  return { src: v.getAttribute("src"), readyState: v.readyState, duration: v.duration, width: v.videoWidth, error: v.error ? v.error.code : null };
                }),
                images: [].map.call(document.images, function (i) {
                  return { src: (i.getAttribute("src") || "").slice(0, 80), complete: i.complete, width: i.naturalWidth };
                }),
                errors: errors
              });
              document.body.appendChild(out);
            });
          });
        })();
        """

    static var contentSecurityPolicy: String {
        let hash = Data(SHA256.hash(data: Data(selfTestScript.utf8))).base64EncodedString()
        return
            "default-src 'none'; img-src data: file: 'self'; media-src file: 'self'; style-src 'unsafe-inline'; script-src 'sha256-\(hash)'"
    }

    static let styleSheet = """
        :root { --ink: #1d2330; --muted: #5f6b7a; --line: #dfe3ea; --bg: #f4f6f9; --card: #fff; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: var(--bg); }
        .page { padding: 24px 32px 8px; }
        h1 { margin: 0; font-size: 24px; word-break: break-word; }
        .meta { color: var(--muted); margin: 4px 0 16px; }
        .summary { display: flex; flex-wrap: wrap; gap: 16px 40px; align-items: center; background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 16px 20px; }
        .chips { display: flex; flex-wrap: wrap; gap: 8px; }
        .chip, .badge { display: inline-block; border-radius: 999px; padding: 2px 10px; font-weight: 600; font-size: 12px; background: #eceff3; color: #4a5261; white-space: nowrap; }
        .figures { display: flex; flex-wrap: wrap; gap: 12px 32px; margin: 0; }
        .figures dt { color: var(--muted); font-size: 12px; }
        .figures dd { margin: 0; font-size: 18px; font-weight: 600; }
        .figures small { font-size: 12px; font-weight: 400; color: var(--muted); }
        main { display: flex; flex-direction: column; gap: 20px; padding: 16px 32px 32px; }
        .rowhead { font-size: 15px; margin: 0 0 8px; } .rowhead small { color: var(--muted); font-weight: 400; }
        .takes { display: grid; grid-auto-flow: column; grid-auto-columns: minmax(340px, 460px); gap: 16px; overflow-x: auto; align-items: start; }
        .notice { background: #fff6d6; color: #6e5300; border-radius: 6px; padding: 8px 10px; }
        .filmstrip { width: 100%; display: block; border-radius: 4px; background: #111; }
        .flag { background: #fff0db; color: #8a4b00; border-radius: 6px; padding: 8px 10px; font-size: 13px; }
        .flag ul, .versions ul { margin: 4px 0 0; padding-left: 18px; }
        .versions { font-size: 12px; color: var(--muted); } .versions li.current { color: var(--ink); font-weight: 600; }
        .s-flagged { background: #fff0db; color: #8a4b00; } .s-current { background: #e1ebfc; color: #1f4fa6; }
        .card { background: var(--card); border: 1px solid var(--line); border-top: 4px solid #9aa3af; border-radius: 10px; padding: 14px; display: flex; flex-direction: column; gap: 10px; min-width: 0; }
        .card header { display: flex; justify-content: space-between; align-items: baseline; gap: 8px; }
        .card h2 { font-size: 16px; margin: 0; word-break: break-all; }
        .sub { color: var(--muted); font-size: 12px; margin: 0; word-break: break-word; }
        .clip video, .clip .none { width: 100%; aspect-ratio: 16 / 9; background: #111; border-radius: 6px; display: block; }
        .clip .none { display: flex; align-items: center; justify-content: center; color: #c8ced8; font-size: 13px; padding: 8px; text-align: center; }
        .inputs { display: flex; flex-wrap: wrap; gap: 8px; }
        .inputs figure { margin: 0; width: 104px; }
        .inputs img, .inputs video, .inputs .file { width: 104px; height: 64px; object-fit: cover; border-radius: 4px; background: #e8ebf0; display: block; }
        .inputs .file { display: flex; align-items: center; justify-content: center; font-size: 11px; color: var(--muted); padding: 4px; text-align: center; word-break: break-all; overflow: hidden; }
        .inputs figcaption { font-size: 11px; line-height: 1.3; color: var(--muted); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; margin-top: 2px; }
        .inputs figcaption b { font-weight: 600; color: var(--ink); }
        .inputs .changed { color: #8a4b00; }
        .prompt { white-space: pre-wrap; margin: 0; word-break: break-word; }
        .facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0; font-size: 13px; }
        .facts dt { color: var(--muted); }
        .facts dd { margin: 0; word-break: break-all; }
        .diff { color: #8a4b00; font-weight: 600; }
        .error { background: #fdecec; color: #8a1f1f; border-radius: 6px; padding: 8px 10px; margin: 0; white-space: pre-wrap; word-break: break-word; }
        .carried { color: var(--muted); font-size: 12px; }
        .s-done { background: #dcf5e3; color: #17692f; } .card.s-done { background: var(--card); color: inherit; border-top-color: #2e9e52; }
        .s-failed { background: #fde2e2; color: #8a1f1f; } .card.s-failed { background: var(--card); color: inherit; border-top-color: #d64545; }
        .s-blocked { background: #fff0db; color: #8a4b00; } .card.s-blocked { background: var(--card); color: inherit; border-top-color: #e07b00; }
        .s-unknown { background: #f1e4f8; color: #5e2a75; } .card.s-unknown { background: var(--card); color: inherit; border-top-color: #8e44ad; }
        .s-timeout { background: #fff6d6; color: #6e5300; } .card.s-timeout { background: var(--card); color: inherit; border-top-color: #c29100; }
        .s-moving { background: #e1ebfc; color: #1f4fa6; } .card.s-moving { background: var(--card); color: inherit; border-top-color: #2f6fde; }
        #selftest { display: none; }
        """
}
