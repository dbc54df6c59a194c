function __veobatch_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __veobatch_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __veobatch_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __veobatch_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __veobatch_parse_tokens -S
    set -l unparsed_tokens (__veobatch_tokens -pc)
    switch $unparsed_tokens[1]
    case 'veobatch'
        __veobatch_parse_subcommand 0 'h/help'
        switch $unparsed_tokens[1]
        case 'scan'
            __veobatch_parse_subcommand -r 1 'quiet' 'verbose' 'log-file=' 'log-format=' 'manifest=' 'out=' 'exclude=+' 'model-pair=' 'model-image=' 'model-reference=' 'model-clip=' 'settle=' 'id-prefix-folder' 'json' 'h/help'
        case 'validate'
            __veobatch_parse_subcommand 1 'quiet' 'verbose' 'log-file=' 'log-format=' 'media-root=' 'json' 'h/help'
        case 'plan'
            __veobatch_parse_subcommand 1 'quiet' 'verbose' 'log-file=' 'log-format=' 'base-url=' 'api-key-file=' 'media-root=' 'json' 'h/help'
        case 'models'
            __veobatch_parse_subcommand 0 'quiet' 'verbose' 'log-file=' 'log-format=' 'json' 'h/help'
        case 'account'
            __veobatch_parse_subcommand 0 'quiet' 'verbose' 'log-file=' 'log-format=' 'base-url=' 'api-key-file=' 'json' 'h/help'
        case 'run'
            __veobatch_parse_subcommand 1 'quiet' 'verbose' 'log-file=' 'log-format=' 'base-url=' 'api-key-file=' 'no-progress' 'out=' 'concurrency=' 'max-cost=' 'name=' 'dry-run' 'retry-failed' 'poll-interval=' 'task-timeout=' 'media-root=' 'max-polls-per-second=' 'settle=' 'on-event=' 'hook-timeout=' 'skip-invalid' 'state-dir=' 'h/help'
        case 'status'
            __veobatch_parse_subcommand 0 'quiet' 'verbose' 'log-file=' 'log-format=' 'out=' 'manifest=' 'json' 'state-dir=' 'h/help'
        case 'resolve'
            __veobatch_parse_subcommand -r 1 'quiet' 'verbose' 'log-file=' 'log-format=' 'out=' 'resubmit' 'task-id=' 'abandon' 'manifest=' 'state-dir=' 'h/help'
        case 'select'
            __veobatch_parse_subcommand 1 'quiet' 'verbose' 'log-file=' 'log-format=' 'out=' 'take=' 'version=' 'manifest=' 'state-dir=' 'h/help'
        case 'export'
            __veobatch_parse_subcommand 0 'quiet' 'verbose' 'log-file=' 'log-format=' 'out=' 'format=' 'output=' 'manifest=' 'state-dir=' 'h/help'
        case 'help'
            __veobatch_parse_subcommand -r 1 
        end
    end
end

function __veobatch_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __veobatch_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __veobatch_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __veobatch_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__veobatch_tokens -p)
    if test -z "$(__veobatch_tokens -t)"
        set -l index (count (__veobatch_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'veobatch' -f
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_positional "veobatch" -eq 1' -fa 'scan' -d 'Find shots in folders, check every file by content, and draft a manifest.'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_positional "veobatch" -eq 1' -fa 'validate' -d 'Check a manifest completely: columns, values, ids, @ROW references and media files.'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_positional "veobatch" -eq 1' -fa 'plan' -d 'Validate a manifest and show every job that would be submitted, with its price.'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_positional "veobatch" -eq 1' -fa 'models' -d 'List the Veo 3.1 endpoints, their parameters, allowed values, defaults and prices.'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_positional "veobatch" -eq 1' -fa 'account' -d 'Show the balance, API key type, concurrency limit and tasks running on the account.'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_positional "veobatch" -eq 1' -fa 'run' -d 'Render every row of a manifest into an output folder; safe to run again at any time.'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_positional "veobatch" -eq 1' -fa 'status' -d 'Show each row\'s state, task id, estimated and charged cost, clip and error from an output folder\'s journal.'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_positional "veobatch" -eq 1' -fa 'resolve' -d 'Settle rows whose submit outcome is unknown, after checking the RunningHub console.'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_positional "veobatch" -eq 1' -fa 'select' -d 'Choose the take (and version) that stands for a row: the current-clip link, the reports and the export follow it.'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_positional "veobatch" -eq 1' -fa 'export' -d 'Write a manifest\'s rows as an editorial timeline: OpenTimelineIO JSON or a CMX 3600 EDL.'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_positional "veobatch" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch scan" quiet' -l 'quiet' -d 'Print only errors and the final summary. Default: progress and notices too.'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch scan" verbose' -l 'verbose' -d 'Print debug detail (never the API key). Default: notices and errors only.'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch scan" log-file' -l 'log-file' -d 'Also append the log to this file (info level, debug with --verbose, whatever --quiet says). Default: no log file.' -rF
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch scan" log-format' -l 'log-format' -d 'Log line format: text, or json (one object per line).' -rfka 'text json'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_positional "veobatch scan" -ge 1' -fa '(__veobatch_complete_directories)'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch scan" manifest' -l 'manifest' -d 'Write a draft manifest to this CSV file, or add the new shots to it if it exists. Default: no manifest.' -rfa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'csv\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch scan" out' -l 'out' -d 'The run\'s output folder, skipped while scanning. Default: none (output folders holding .veobatch/ are skipped anyway).' -rfa '(__veobatch_complete_directories)'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch scan"' -l 'exclude' -d 'A file or folder to skip; repeat for more. Default: none.' -rF
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch scan" model-pair' -l 'model-pair' -d 'Model for start/end pairs (an endpoint path or doc name).' -rfka ''
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch scan" model-image' -l 'model-image' -d 'Model for single frames (an endpoint path or doc name).' -rfka ''
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch scan" model-reference' -l 'model-reference' -d 'Model for reference images (an endpoint path or doc name).' -rfka ''
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch scan" model-clip' -l 'model-clip' -d 'Model for clips to extend (an endpoint path or doc name).' -rfka ''
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch scan" settle' -l 'settle' -d 'Flag files changed less than this many seconds ago as settling (still being copied in: `run` would leave their rows for a later run). 0 turns it off.' -rfka ''
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch scan" id-prefix-folder' -l 'id-prefix-folder' -d 'Start each id with its folder\'s name: seq010/sh010_start.png becomes seq010_sh010. Default: the shot name alone.'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch scan" json' -l 'json' -d 'Print the result as JSON (shots, rejections, notes, manifest). Default: tables.'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch scan" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch validate" quiet' -l 'quiet' -d 'Print only errors and the final summary. Default: progress and notices too.'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch validate" verbose' -l 'verbose' -d 'Print debug detail (never the API key). Default: notices and errors only.'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch validate" log-file' -l 'log-file' -d 'Also append the log to this file (info level, debug with --verbose, whatever --quiet says). Default: no log file.' -rF
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch validate" log-format' -l 'log-format' -d 'Log line format: text, or json (one object per line).' -rfka 'text json'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_positional "veobatch validate" -eq 1' -fa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'csv\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch validate" media-root' -l 'media-root' -d 'Folder that relative media paths resolve against. Default: the manifest\'s folder.' -rfa '(__veobatch_complete_directories)'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch validate" json' -l 'json' -d 'Print the result as JSON on standard output. Default: text.'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch validate" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch plan" quiet' -l 'quiet' -d 'Print only errors and the final summary. Default: progress and notices too.'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch plan" verbose' -l 'verbose' -d 'Print debug detail (never the API key). Default: notices and errors only.'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch plan" log-file' -l 'log-file' -d 'Also append the log to this file (info level, debug with --verbose, whatever --quiet says). Default: no log file.' -rF
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch plan" log-format' -l 'log-format' -d 'Log line format: text, or json (one object per line).' -rfka 'text json'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch plan" base-url' -l 'base-url' -d 'RunningHub API site: https://www.runninghub.ai (international) or https://www.runninghub.cn (China); each has its own keys. Default: $RUNNINGHUB_BASE_URL, else https://www.runninghub.ai.' -rfka ''
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch plan" api-key-file' -l 'api-key-file' -d 'Read the API key from this file (must not be readable by group or others); the key is never accepted on the command line. Default: $RUNNINGHUB_API_KEY.' -rF
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_positional "veobatch plan" -eq 1' -fa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'csv\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch plan" media-root' -l 'media-root' -d 'Folder that relative media paths resolve against. Default: the manifest\'s folder.' -rfa '(__veobatch_complete_directories)'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch plan" json' -l 'json' -d 'Print the plan as JSON on standard output. Default: text.'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch plan" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch models" quiet' -l 'quiet' -d 'Print only errors and the final summary. Default: progress and notices too.'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch models" verbose' -l 'verbose' -d 'Print debug detail (never the API key). Default: notices and errors only.'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch models" log-file' -l 'log-file' -d 'Also append the log to this file (info level, debug with --verbose, whatever --quiet says). Default: no log file.' -rF
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch models" log-format' -l 'log-format' -d 'Log line format: text, or json (one object per line).' -rfka 'text json'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch models" json' -l 'json' -d 'Print the table as JSON on standard output. Default: text.'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch models" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch account" quiet' -l 'quiet' -d 'Print only errors and the final summary. Default: progress and notices too.'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch account" verbose' -l 'verbose' -d 'Print debug detail (never the API key). Default: notices and errors only.'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch account" log-file' -l 'log-file' -d 'Also append the log to this file (info level, debug with --verbose, whatever --quiet says). Default: no log file.' -rF
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch account" log-format' -l 'log-format' -d 'Log line format: text, or json (one object per line).' -rfka 'text json'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch account" base-url' -l 'base-url' -d 'RunningHub API site: https://www.runninghub.ai (international) or https://www.runninghub.cn (China); each has its own keys. Default: $RUNNINGHUB_BASE_URL, else https://www.runninghub.ai.' -rfka ''
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch account" api-key-file' -l 'api-key-file' -d 'Read the API key from this file (must not be readable by group or others); the key is never accepted on the command line. Default: $RUNNINGHUB_API_KEY.' -rF
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch account" json' -l 'json' -d 'Print one JSON object instead of text. Default: text.'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch account" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch run" quiet' -l 'quiet' -d 'Print only errors and the final summary. Default: progress and notices too.'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch run" verbose' -l 'verbose' -d 'Print debug detail (never the API key). Default: notices and errors only.'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch run" log-file' -l 'log-file' -d 'Also append the log to this file (info level, debug with --verbose, whatever --quiet says). Default: no log file.' -rF
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch run" log-format' -l 'log-format' -d 'Log line format: text, or json (one object per line).' -rfka 'text json'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch run" base-url' -l 'base-url' -d 'RunningHub API site: https://www.runninghub.ai (international) or https://www.runninghub.cn (China); each has its own keys. Default: $RUNNINGHUB_BASE_URL, else https://www.runninghub.ai.' -rfka ''
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch run" api-key-file' -l 'api-key-file' -d 'Read the API key from this file (must not be readable by group or others); the key is never accepted on the command line. Default: $RUNNINGHUB_API_KEY.' -rF
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch run" no-progress' -l 'no-progress' -d 'Print plain lines instead of the live progress display, even on a terminal. Default: the live display when standard output is a terminal.'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_positional "veobatch run" -eq 1' -fa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'csv\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch run" out' -l 'out' -d 'The output folder (required): clips go to OUT/MANIFEST-STEM/ROW/, reports to OUT/MANIFEST-STEM/, the journal to OUT/.veobatch/.' -rfa '(__veobatch_complete_directories)'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch run" concurrency' -l 'concurrency' -d 'Tasks of this run on RunningHub at once; the account\'s concurrentLimit (minus tasks not ours) may lower it.' -rfka ''
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch run" max-cost' -l 'max-cost' -d 'Stop submitting before this output folder\'s spend (every task it ever created: charges, and estimates until a charge is reported) would pass AMOUNT: 30 is in the account\'s currency, 30USD or 200CNY name one (a currency other than the account\'s exits 2; no exchange rates). Estimates come from RunningHub\'s price-preview. Exit 4 when it stops. Default: no limit.' -rfka ''
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch run" name' -l 'name' -d 'The name of this manifest in the output folder (clips and reports go to OUT/NAME/). Default: the manifest\'s file name without extension; a second manifest with the same file name from another folder must pick its own.' -rfka ''
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch run" dry-run' -l 'dry-run' -d 'Validate and print what would be submitted, with the estimate; send nothing and change nothing. Default: off.'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch run" retry-failed' -l 'retry-failed' -d 'Give failed rows a new submit (and pay again). Default: failed rows are skipped.'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch run" poll-interval' -l 'poll-interval' -d 'Seconds between two queries of one task (+/-20% jitter).' -rfka ''
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch run" task-timeout' -l 'task-timeout' -d 'Seconds this run waits for one task, counted from when it starts RUNNING, before leaving it as timeout (the task id is kept; the next run polls it again). A task queued on RunningHub never times out.' -rfka ''
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch run" media-root' -l 'media-root' -d 'Resolve relative media paths against this folder. Default: the manifest\'s folder.' -rfa '(__veobatch_complete_directories)'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch run" max-polls-per-second' -l 'max-polls-per-second' -d 'Cap on status queries per second across all tasks of this run.' -rfka ''
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch run" settle' -l 'settle' -d 'Seconds a media file must have stayed unchanged (size and modification time) before it is hashed, uploaded or submitted; a file still being copied into a drop folder waits for the next run (exit 1). 0 turns the wait off.' -rfka ''
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch run" on-event' -l 'on-event' -d 'Run CMD through /bin/sh for each take that ends (done, failed, blocked, unknown, timeout) and once with the summary, one JSON object on its standard input; never with the API key. A failing or slow hook is logged and never stops the run. Default: none.' -rfka ''
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch run" hook-timeout' -l 'hook-timeout' -d 'Seconds one --on-event hook may take before it is killed (with what it started).' -rfka ''
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch run" skip-invalid' -l 'skip-invalid' -d 'Render the valid rows of a manifest with errors, list the invalid ones (and rows whose @ROW input is invalid) with their diagnostics, and exit 1. Default: any error stops the run before anything is sent (exit 2).'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch run" state-dir' -l 'state-dir' -d 'Keep the journal in this folder on a local disk instead of OUT/.veobatch (for an output folder on NFS or SMB); the run lock stays in OUT/.veobatch. Give the same folder to every command on that output folder. Default: OUT/.veobatch.' -rfa '(__veobatch_complete_directories)'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch run" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch status" quiet' -l 'quiet' -d 'Print only errors and the final summary. Default: progress and notices too.'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch status" verbose' -l 'verbose' -d 'Print debug detail (never the API key). Default: notices and errors only.'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch status" log-file' -l 'log-file' -d 'Also append the log to this file (info level, debug with --verbose, whatever --quiet says). Default: no log file.' -rF
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch status" log-format' -l 'log-format' -d 'Log line format: text, or json (one object per line).' -rfka 'text json'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch status" out' -l 'out' -d 'The output folder of earlier runs (required; the --out given to run).' -rfa '(__veobatch_complete_directories)'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch status" manifest' -l 'manifest' -d 'Only this manifest (its file name without extension). Default: every manifest in the folder.' -rfka ''
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch status" json' -l 'json' -d 'Print JSON (the shape of report.json, one per manifest). Default: a table.'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch status" state-dir' -l 'state-dir' -d 'Keep the journal in this folder on a local disk instead of OUT/.veobatch (for an output folder on NFS or SMB); the run lock stays in OUT/.veobatch. Give the same folder to every command on that output folder. Default: OUT/.veobatch.' -rfa '(__veobatch_complete_directories)'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch status" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch resolve" quiet' -l 'quiet' -d 'Print only errors and the final summary. Default: progress and notices too.'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch resolve" verbose' -l 'verbose' -d 'Print debug detail (never the API key). Default: notices and errors only.'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch resolve" log-file' -l 'log-file' -d 'Also append the log to this file (info level, debug with --verbose, whatever --quiet says). Default: no log file.' -rF
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch resolve" log-format' -l 'log-format' -d 'Log line format: text, or json (one object per line).' -rfka 'text json'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch resolve" out' -l 'out' -d 'The output folder whose journal holds the rows (required).' -rfa '(__veobatch_complete_directories)'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch resolve" resubmit' -l 'resubmit' -d 'Allow one new submit of each named row on the next run (when the console shows no task). No default: choose one of --resubmit, --task-id ID and --abandon.'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch resolve" task-id' -l 'task-id' -d 'Attach this RunningHub task id, as shown in the console (one take at a time). No default: choose one of --resubmit, --task-id ID and --abandon.' -rfka ''
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch resolve" abandon' -l 'abandon' -d 'Mark each named row failed (abandoned). No default: choose one of --resubmit, --task-id ID and --abandon.'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch resolve" manifest' -l 'manifest' -d 'The manifest the rows belong to (its file name without extension), when a row id is in several. Default: every manifest in the folder.' -rfka ''
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch resolve" state-dir' -l 'state-dir' -d 'Keep the journal in this folder on a local disk instead of OUT/.veobatch (for an output folder on NFS or SMB); the run lock stays in OUT/.veobatch. Give the same folder to every command on that output folder. Default: OUT/.veobatch.' -rfa '(__veobatch_complete_directories)'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch resolve" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch select" quiet' -l 'quiet' -d 'Print only errors and the final summary. Default: progress and notices too.'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch select" verbose' -l 'verbose' -d 'Print debug detail (never the API key). Default: notices and errors only.'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch select" log-file' -l 'log-file' -d 'Also append the log to this file (info level, debug with --verbose, whatever --quiet says). Default: no log file.' -rF
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch select" log-format' -l 'log-format' -d 'Log line format: text, or json (one object per line).' -rfka 'text json'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch select" out' -l 'out' -d 'The output folder whose journal holds the row (required).' -rfka ''
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch select" take' -l 'take' -d 'The take to use (1 is the row\'s first clip, 2 is ROW-take2, and so on) (required).' -rfka ''
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch select" version' -l 'version' -d 'The version of that take (1 is NAME.mp4, 2 is NAME.v2.mp4, and so on). Default: its newest.' -rfka ''
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch select" manifest' -l 'manifest' -d 'The manifest the row belongs to (its file name without extension), when the folder has several. Default: the one that has the row.' -rfka ''
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch select" state-dir' -l 'state-dir' -d 'The folder given to run --state-dir, when the journal is kept there instead of OUT/.veobatch. Default: OUT/.veobatch.' -rfa '(__veobatch_complete_directories)'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch select" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch export" quiet' -l 'quiet' -d 'Print only errors and the final summary. Default: progress and notices too.'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch export" verbose' -l 'verbose' -d 'Print debug detail (never the API key). Default: notices and errors only.'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch export" log-file' -l 'log-file' -d 'Also append the log to this file (info level, debug with --verbose, whatever --quiet says). Default: no log file.' -rF
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch export" log-format' -l 'log-format' -d 'Log line format: text, or json (one object per line).' -rfka 'text json'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch export" out' -l 'out' -d 'The output folder of earlier runs (required).' -rfka ''
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch export" format' -l 'format' -d 'otio (OpenTimelineIO JSON) or edl (CMX 3600) (required).' -rfka 'otio edl'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch export" output' -l 'output' -d 'The file to write, replaced whole (required).' -rfka ''
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch export" manifest' -l 'manifest' -d 'The manifest to export (its file name without extension). Default: the folder\'s only manifest.' -rfka ''
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch export" state-dir' -l 'state-dir' -d 'The folder given to run --state-dir, when the journal is kept there instead of OUT/.veobatch. Default: OUT/.veobatch.' -rfa '(__veobatch_complete_directories)'
complete -c 'veobatch' -n '__veobatch_should_offer_completions_for_flags_or_options "veobatch export" h help' -s 'h' -l 'help' -d 'Show help information.'
