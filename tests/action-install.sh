#!/usr/bin/env bash
# Tests scripts/install-ownlint.sh, the Action's download-and-verify step, against a
# local HTTP server on 127.0.0.1 that serves release archives packed here the way
# cargo-dist packs them (`ownlint-TARGET.tar.xz` holding `ownlint-TARGET/ownlint`, a
# `.zip` for Windows, a `.sha256` per archive and a combined `sha256.sum`).
#
# A good archive installs and runs; a tampered archive, a wrong checksum, a platform
# without an archive (404), an unsupported platform and a server error (500) each fail
# with their message and leave nothing behind: no line in the GITHUB_PATH file, no
# folder in the install parent.
#
#   tests/action-install.sh              # packs a release build (cargo build --release)
#   OWNLINT_TEST_BINARY=PATH tests/action-install.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
script="$root/scripts/install-ownlint.sh"

binary="${OWNLINT_TEST_BINARY:-}"
if [ -z "$binary" ]; then
    cargo build --release --locked --quiet --bin ownlint
    binary="${CARGO_TARGET_DIR:-$root/target}/release/ownlint"
fi
version="$(sed -n 's/^version[[:space:]]*=[[:space:]]*"\([^"]*\)".*/\1/p' Cargo.toml | head -n 1)"

work="$(mktemp -d)"
server_pid=""
cleanup() {
    if [ -n "$server_pid" ]; then kill "$server_pid" 2> /dev/null || true; fi
    rm -rf -- "$work"
}
trap cleanup EXIT

# The releases, one folder per case under $work/srv/CASE/vVERSION/.
pack() { # CASE: a release with the Linux x86_64 archive and the Windows zip
    local dir="$work/srv/$1/v$version" target
    mkdir -p "$dir"
    for target in x86_64-unknown-linux-musl x86_64-apple-darwin; do
        mkdir -p "$work/pack/ownlint-$target"
        cp "$binary" "$work/pack/ownlint-$target/ownlint"
        cp README.md "$work/pack/ownlint-$target/"
        tar -cJf "$dir/ownlint-$target.tar.xz" -C "$work/pack" "ownlint-$target"
    done
    rm -rf "$work/pack"
    mkdir -p "$work/pack"
    cp "$binary" "$work/pack/ownlint.exe"
    cp README.md "$work/pack/"
    (cd "$work/pack" && zip -q "$dir/ownlint-x86_64-pc-windows-msvc.zip" ownlint.exe README.md)
    rm -rf "$work/pack"
    (
        cd "$dir"
        for archive in ownlint-*.tar.xz ownlint-*.zip; do
            sha256sum --binary "$archive" > "$archive.sha256"
        done
        # An archive for aarch64 Linux is listed but missing on the server (404).
        printf '%064d *%s\n' 0 ownlint-aarch64-unknown-linux-musl.tar.xz > ownlint-aarch64-unknown-linux-musl.tar.xz.sha256
        cat ./*.sha256 > sha256.sum
    )
}
pack good
for bad in tampered wrong-checksum disagree; do
    cp -R "$work/srv/good" "$work/srv/$bad"
done
# The archive changed after its checksums were written.
printf 'x' >> "$work/srv/tampered/v$version/ownlint-x86_64-unknown-linux-musl.tar.xz"
# Both checksum files agree, on a wrong hash.
sed -i 's/^[0-9a-f]\{8\}/00000000/' "$work/srv/wrong-checksum/v$version/sha256.sum" \
    "$work/srv/wrong-checksum/v$version/ownlint-x86_64-unknown-linux-musl.tar.xz.sha256"
# The archive's .sha256 is not the hash in sha256.sum.
sed -i 's/^[0-9a-f]\{8\}/00000000/' "$work/srv/disagree/v$version/ownlint-x86_64-unknown-linux-musl.tar.xz.sha256"
mkdir -p "$work/srv/unreleased"

# The server: files under srv/; HTTP 500 for anything under /error/, and for the
# archives under /archive-error/ (the rest of which is /good/).
cat > "$work/server.py" << 'PY'
import functools, http.server, sys

class Handler(http.server.SimpleHTTPRequestHandler):
    def do_GET(self):
        if self.path.startswith("/error/"):
            self.send_error(500, "test server error")
        elif self.path.startswith("/archive-error/"):
            if self.path.endswith(".tar.xz"):
                self.send_error(500, "test server error")
            else:
                self.path = "/good/" + self.path[len("/archive-error/"):]
                super().do_GET()
        else:
            super().do_GET()

    def log_message(self, *args):
        pass

server = http.server.ThreadingHTTPServer(
    ("127.0.0.1", 0), functools.partial(Handler, directory=sys.argv[1]))
with open(sys.argv[2], "w") as f:
    f.write(str(server.server_address[1]))
server.serve_forever()
PY
python3 "$work/server.py" "$work/srv" "$work/port.tmp" &
server_pid=$!
for _ in $(seq 100); do
    if [ -s "$work/port.tmp" ]; then break; fi
    sleep 0.05
done
port="$(cat "$work/port.tmp")"
server="http://127.0.0.1:$port"

# The install parent has a space and a backslash, as a Windows runner's temp folder does.
parent="$work/install \\parent"
failures=0
fail() {
    printf 'FAIL %s: %s\n' "$case" "$*" >&2
    sed 's/^/    stderr: /' "$work/stderr" >&2
    failures=$((failures + 1))
}

# run CASE-NAME SERVER-FOLDER VAR=VALUE... : runs the script in a clean environment.
run() {
    case="$1"
    local folder="$2"
    shift 2
    rm -rf "$parent" "$work/github"
    mkdir -p "$parent" "$work/github"
    : > "$work/github/path"
    : > "$work/github/output"
    status=0
    env -i PATH="$PATH" HOME="$HOME" \
        GITHUB_PATH="$work/github/path" GITHUB_OUTPUT="$work/github/output" \
        OWNLINT_INSTALL_PARENT="$parent" OWNLINT_ACTION_PATH="$root" \
        OWNLINT_DOWNLOAD_BASE="$server/$folder" RUNNER_OS=Linux RUNNER_ARCH=X64 \
        "$@" bash "$script" > "$work/stdout" 2> "$work/stderr" || status=$?
}

output() { sed -n "s/^$1=//p" "$work/github/output"; }

# installed EXE: the run succeeded, GITHUB_PATH names one folder holding EXE only, and
# the ownlint found on that PATH is this version.
installed() {
    [ "$status" = 0 ] || { fail "exit $status"; return; }
    [ "$(wc -l < "$work/github/path")" = 1 ] || { fail "GITHUB_PATH: $(cat "$work/github/path")"; return; }
    local dir
    dir="$(cat "$work/github/path")"
    [ "$(ls -A "$dir")" = "$1" ] || fail "install folder holds: $(ls -A "$dir")"
    [ "$(output method)" = download ] || fail "method=$(output method)"
    [ "$(output path)" = "$dir/$1" ] || fail "path=$(output path)"
    # Only the install folder is left in the parent: the staging folder is gone.
    [ "$(find "$parent" -mindepth 1 -maxdepth 1 | wc -l)" = 1 ] ||
        fail "left in the install parent: $(ls -A "$parent")"
    local shown
    shown="$(PATH="$dir:/usr/bin:/bin" "$1" --version)"
    # The version, and the commit when the binary was built from a git checkout.
    case "$shown" in
        "ownlint $version" | "ownlint $version ("*")") ;;
        *) fail "--version says $shown" ;;
    esac
    show
}

# Shows the case and the last line it printed on stderr.
show() { printf '  %-42s %s\n' "$case" "$(tail -n 1 "$work/stderr")"; }

# refused MESSAGE: the run failed, said MESSAGE, and left nothing on PATH or on disk.
refused() {
    [ "$status" = 1 ] || fail "exit $status, expected 1"
    grep -qF -- "$1" "$work/stderr" || fail "no \`$1\` on stderr"
    [ ! -s "$work/github/path" ] || fail "GITHUB_PATH got: $(cat "$work/github/path")"
    [ -z "$(output path)" ] || fail "an output path: $(output path)"
    [ -z "$(ls -A "$parent")" ] || fail "left in the install parent: $(ls -A "$parent")"
    show
}

# source: the run succeeded and asked for a build from source, installing nothing.
from_source() {
    [ "$status" = 0 ] || fail "exit $status"
    [ "$(output method)" = source ] || fail "method=$(output method)"
    [ ! -s "$work/github/path" ] || fail "GITHUB_PATH got: $(cat "$work/github/path")"
    [ -z "$(ls -A "$parent")" ] || fail "left in the install parent: $(ls -A "$parent")"
    show
}

# Good archives.
start="$(date +%s%N)"
run "explicit version" good OWNLINT_VERSION="$version"
elapsed_ms=$((($(date +%s%N) - start) / 1000000))
installed ownlint
run "vX.Y.Z version" good OWNLINT_VERSION="v$version"
installed ownlint
run "tag ref" good OWNLINT_ACTION_REF="v$version"
installed ownlint
run "commit ref, released version" good OWNLINT_ACTION_REF=0123456789abcdef0123456789abcdef01234567
installed ownlint
run "macOS x86_64" good RUNNER_OS=macOS RUNNER_ARCH=X64 OWNLINT_VERSION="$version"
installed ownlint
run "Windows zip" good RUNNER_OS=Windows RUNNER_ARCH=X64 OWNLINT_VERSION="$version"
installed ownlint.exe

# Built from source.
run "version: source" good OWNLINT_VERSION=source
from_source
run "commit ref, unreleased version" unreleased OWNLINT_ACTION_REF=main
from_source

# Refused.
run "tampered archive" tampered OWNLINT_VERSION="$version"
refused "does not match its published SHA-256"
run "wrong checksum" wrong-checksum OWNLINT_VERSION="$version"
refused "does not match its published SHA-256"
run "checksum files disagree" disagree OWNLINT_VERSION="$version"
refused "disagree; not installing"
run "platform archive missing (404)" good RUNNER_ARCH=ARM64 OWNLINT_VERSION="$version"
refused "no archive for aarch64-unknown-linux-musl in release v$version"
run "platform not in the release" good RUNNER_OS=macOS RUNNER_ARCH=ARM64 OWNLINT_VERSION="$version"
refused "has no archive for aarch64-apple-darwin"
run "unsupported platform" good RUNNER_OS=Windows RUNNER_ARCH=ARM64 OWNLINT_VERSION="$version"
refused "no ownlint release for Windows/ARM64"
run "server error (500)" error OWNLINT_VERSION="$version"
refused "sha256.sum (HTTP 500)"
run "server error on the archive (500)" archive-error OWNLINT_VERSION="$version"
refused "ownlint-x86_64-unknown-linux-musl.tar.xz (HTTP 500)"
run "explicit version not released (404)" unreleased OWNLINT_VERSION="$version"
refused "no release v$version"
run "tag ref that is not Cargo.toml's version" good OWNLINT_ACTION_REF=v999.0.0
refused "its Cargo.toml says $version"
run "bad version" good OWNLINT_VERSION='1.0; rm -rf /'
refused "version must be X.Y.Z"
run "plain http elsewhere" good OWNLINT_VERSION="$version" OWNLINT_DOWNLOAD_BASE=http://example.com
refused "must be an https:// URL"
run "no server" good OWNLINT_VERSION="$version" OWNLINT_DOWNLOAD_BASE=http://127.0.0.1:1
refused "(no answer)"

if [ "$failures" -gt 0 ]; then
    printf 'tests/action-install.sh: %d failures\n' "$failures" >&2
    exit 1
fi
printf 'tests/action-install.sh: all cases pass; a verified install from 127.0.0.1 took %d ms\n' "$elapsed_ms"
