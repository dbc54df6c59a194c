/// Mistakes worth a precise answer before ArgumentParser's generic "unknown option".
enum CommandLineHints {
    /// `--api-key KEY` (or `--api-key=KEY`): refused with where the key goes instead. The value
    /// is never echoed: it is a secret that just landed in the shell history and the process list.
    static func apiKeyHint(_ arguments: some Sequence<String>) -> String? {
        for argument in arguments {
            if argument == "--" { return nil }
            if argument == "--api-key" || argument.hasPrefix("--api-key=") {
                return """
                    error: veobatch never takes the API key on the command line (any user of the machine can read it in \
                    the process list, and it stays in your shell history). Set RUNNINGHUB_API_KEY in the environment, or \
                    put the key in a file only you can read and pass --api-key-file FILE (chmod 600 FILE).
                    """
            }
        }
        return nil
    }
}
