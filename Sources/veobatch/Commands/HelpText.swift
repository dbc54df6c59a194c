/// Help text several commands share, so `--help`, the man page (docs/man/veobatch.1, generated
/// from the same parser by scripts/gen-docs.sh) and the README say the same thing everywhere.
/// Keep it ASCII: the man page generator drops every other character.
enum HelpText {
    /// For commands that talk to RunningHub.
    static let environment = """
        Environment: RUNNINGHUB_API_KEY holds the API key (an Enterprise-Shared key; --api-key-file FILE \
        takes precedence, and the key is never accepted on the command line). RUNNINGHUB_BASE_URL is \
        the API site (--base-url takes precedence; default https://www.runninghub.ai, or \
        https://www.runninghub.cn for the China site).
        """

    /// For commands that never touch the network.
    static let offline = """
        Never uses the network: RUNNINGHUB_API_KEY, RUNNINGHUB_BASE_URL, --api-key-file and --base-url \
        are not used.
        """

    /// The exit codes of `run` (product.md section 2; cron relies on them).
    static let runExitCodes = """
        Exit codes: 0 every row done; 1 some rows failed, are blocked, timed out, have an unknown \
        submit outcome or are still pending; 2 invalid manifest or usage (nothing sent); 3 another \
        run holds this output folder; 4 --max-cost stopped new submits; 5 key or account problem; \
        130 interrupted (state saved; run again to continue).
        """
}
