# Sourced by the scripts: installs Debian packages the build and tests need, when missing.
# apt-get runs only when something is actually absent, so warm machines pay nothing.

_missing_packages() {
    local missing=()
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    echo "${missing[@]:-}"
}

_apt_install() {
    local missing
    missing=$(_missing_packages "$@")
    [ -z "$missing" ] && return 0
    echo "installing: $missing" >&2
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq
    # shellcheck disable=SC2086
    $sudo apt-get install -y -qq $missing >/dev/null
}

# libcurl, libmagic and FFmpeg (veobatch-media) headers for the system-library targets; the ffmpeg
# and ffprobe tools make and independently read real MP4s in tests.
ensure_build_deps() {
    _apt_install libcurl4-openssl-dev libmagic-dev libsqlite3-dev libavformat-dev libavcodec-dev libswscale-dev libavutil-dev pkg-config file ffmpeg time openssl
}

# Headless Chromium opens report.html in the browser tests (Tests/EndToEndTests/Studio); without it
# they fail. About 150 MB and a minute to install on a cold machine, so only the
# test script asks for it, not the demo.
ensure_test_deps() {
    ensure_build_deps
    _apt_install chromium
    ensure_otio
}

# The export tests read veobatch's OTIO and EDL files with the real OpenTimelineIO library and its
# CMX 3600 adapter (PyPI: opentimelineio, otio-cmx3600-adapter). Used as they are when the default
# python3 has them; otherwise installed into a virtual environment at .build/test-python, which the
# tests pick up (VEOBATCH_TEST_PYTHON overrides). Without them the export tests fail, never skip.
ensure_otio() {
    local probe='import opentimelineio, otio_cmx3600_adapter'
    if command -v python3 >/dev/null && python3 -c "$probe" 2>/dev/null; then return 0; fi
    local venv=.build/test-python
    if [ -x "$venv/bin/python3" ] && "$venv/bin/python3" -c "$probe" 2>/dev/null; then return 0; fi
    command -v python3 >/dev/null || _apt_install python3
    python3 -c 'import venv, ensurepip' 2>/dev/null || _apt_install python3-venv
    echo "installing: opentimelineio otio-cmx3600-adapter (into $venv)" >&2
    mkdir -p .build
    python3 -m venv "$venv"
    "$venv/bin/python3" -m pip install -q opentimelineio otio-cmx3600-adapter
}
