#!/usr/bin/env bash
# Installs ownlint for the GitHub Action (action.yml), or says that it must be built
# from source. Everything comes in through environment variables, never through the
# command line or expanded `${{ }}` text:
#
#   OWNLINT_VERSION         the action's `version` input: empty (the version that matches
#                           the action's ref, see below), `X.Y.Z` or `vX.Y.Z` (that
#                           release), or `source` (build from the action's checkout)
#   OWNLINT_ACTION_REF      the ref the action is used at (`github.action_ref`)
#   OWNLINT_ACTION_PATH     the action's checkout (`github.action_path`), for Cargo.toml
#   OWNLINT_INSTALL_PARENT  where the fresh install folder is made (`runner.temp`)
#   OWNLINT_DOWNLOAD_BASE   release download URL, without the `/vX.Y.Z/FILE` that follows
#                           (default https://github.com/ownlint/ownlint/releases/download)
#   RUNNER_OS, RUNNER_ARCH  the platform (set by the runner; else taken from `uname`)
#   GITHUB_OUTPUT           gets `method=download|source`, `version`, and after a
#                           download `path` (the binary)
#   GITHUB_PATH             gets the install folder, after the archive is verified
#
# Which version, when OWNLINT_VERSION is empty: the ref's when the action is used at a
# `vX.Y.Z` tag (it must be the version in the action's Cargo.toml); otherwise, for a
# commit SHA or a branch, the version in the action's Cargo.toml when it is a plain
# `X.Y.Z` and that release is published (its sha256.sum answers 200), else `source`.
#
# A download is verified before anything from it runs: the archive's SHA-256 must be
# the one in the release's `ARCHIVE.sha256` and in its `sha256.sum`. Only then is the
# binary moved into a fresh folder and that folder written to GITHUB_PATH. On any
# failure the script exits 1 with a message, and leaves no binary and no PATH entry.
set -euo pipefail

die() {
    printf 'ownlint install: %s\n' "$*" >&2
    exit 1
}
note() { printf 'ownlint install: %s\n' "$*" >&2; }

: "${GITHUB_OUTPUT:?GITHUB_OUTPUT is not set}"
: "${GITHUB_PATH:?GITHUB_PATH is not set}"
base="${OWNLINT_DOWNLOAD_BASE:-https://github.com/ownlint/ownlint/releases/download}"
base="${base%/}"
parent="${OWNLINT_INSTALL_PARENT:-${RUNNER_TEMP:-${TMPDIR:-/tmp}}}"
requested="${OWNLINT_VERSION:-}"
ref="${OWNLINT_ACTION_REF:-}"

semver='^[0-9]+\.[0-9]+\.[0-9]+$'

# Plain https, except for a test server on this machine.
case "$base" in
https://*) proto='=https' ;;
http://127.0.0.1:* | http://127.0.0.1/* | http://localhost:* | http://localhost/*) proto='=http' ;;
*) die "OWNLINT_DOWNLOAD_BASE must be an https:// URL: $base" ;;
esac

command -v curl > /dev/null || die "curl is not installed; set \`version: source\` to build ownlint with cargo"

# Fetches URL into FILE; prints the HTTP status (000 when there was no answer).
fetch() {
    local status
    status="$(curl --proto "$proto" --tlsv1.2 --silent --show-error --location \
        --retry 3 --retry-delay 1 --connect-timeout 20 --max-time 300 \
        --output "$2" --write-out '%{http_code}' -- "$1")" || status="${status:-000}"
    printf '%s' "$status"
}

cargo_version() {
    local manifest="${OWNLINT_ACTION_PATH:-.}/Cargo.toml"
    [ -f "$manifest" ] || die "no Cargo.toml in the action's folder ($manifest)"
    # The first `version = "…"` line is the [package]'s: it comes before any table.
    sed -n 's/^version[[:space:]]*=[[:space:]]*"\([^"]*\)".*/\1/p' "$manifest" | head -n 1
}

output() { printf '%s=%s\n' "$1" "$2" >> "$GITHUB_OUTPUT"; }

build_from_source() {
    note "$1; building ownlint from the action's sources"
    output method source
    output version "$2"
    exit 0
}

# Which version.
auto=false
case "$requested" in
source) build_from_source "version: source asked for" "$(cargo_version)" ;;
"")
    auto=true
    manifest_version="$(cargo_version)"
    if [[ "$ref" =~ ^v([0-9]+\.[0-9]+\.[0-9]+)$ ]]; then
        version="${BASH_REMATCH[1]}"
        [ "$version" = "$manifest_version" ] ||
            die "the action is used at $ref but its Cargo.toml says $manifest_version; set \`version\`"
        auto=false # a release tag: its archives must exist
    elif [[ "$manifest_version" =~ $semver ]]; then
        version="$manifest_version"
    else
        build_from_source "$manifest_version (at ${ref:-this checkout}) is not a release version" "$manifest_version"
    fi
    ;;
*)
    version="${requested#v}"
    [[ "$version" =~ $semver ]] ||
        die "version must be X.Y.Z, vX.Y.Z, source or empty, not \`$requested\`"
    ;;
esac

# Which archive.
os="${RUNNER_OS:-$(uname -s)}"
arch="${RUNNER_ARCH:-$(uname -m)}"
case "$os/$arch" in
Linux/X64 | Linux/x86_64) target=x86_64-unknown-linux-musl ;;
Linux/ARM64 | Linux/aarch64 | Linux/arm64) target=aarch64-unknown-linux-musl ;;
macOS/X64 | Darwin/x86_64) target=x86_64-apple-darwin ;;
macOS/ARM64 | Darwin/arm64) target=aarch64-apple-darwin ;;
Windows/X64 | MINGW*/x86_64 | MSYS*/x86_64 | CYGWIN*/x86_64) target=x86_64-pc-windows-msvc ;;
*) die "no ownlint release for $os/$arch (there are archives for Linux and macOS on X64 and ARM64, and Windows on X64); set \`version: source\` to build it with cargo" ;;
esac
exe=ownlint
case "$target" in
*windows*) archive="ownlint-$target.zip" exe=ownlint.exe ;;
*) archive="ownlint-$target.tar.xz" ;;
esac
release="$base/v$version"

# Hashes stdin: with a file name, sha256sum escapes the line when the name holds a
# backslash, as a Windows runner's temp folder does.
if command -v sha256sum > /dev/null; then
    sha256() { sha256sum < "$1" | cut -d ' ' -f 1; }
elif command -v shasum > /dev/null; then
    sha256() { shasum -a 256 < "$1" | cut -d ' ' -f 1; }
else
    die "neither sha256sum nor shasum is installed"
fi

# Everything is downloaded and unpacked in a staging folder, removed on exit; the install
# folder is made only once the binary is verified, and removed again if a later step fails.
mkdir -p -- "$parent"
staging="$(mktemp -d "$parent/ownlint-download.XXXXXX")"
install_dir=""
cleanup() {
    rm -rf -- "$staging"
    if [ -n "$install_dir" ]; then rm -rf -- "$install_dir"; fi
}
trap cleanup EXIT

# The release's checksum list first: it says whether the release exists at all.
status="$(fetch "$release/sha256.sum" "$staging/sha256.sum")"
case "$status" in
200) ;;
404)
    if $auto; then
        build_from_source "v$version has no published release at $release" "$version"
    fi
    die "no release v$version at $release (HTTP 404 for sha256.sum)"
    ;;
000) die "could not download $release/sha256.sum (no answer)" ;;
*) die "could not download $release/sha256.sum (HTTP $status)" ;;
esac

# The expected hash: the archive's line in sha256.sum (`HASH  NAME` or `HASH *NAME`).
listed="$(awk -v name="$archive" '{ n = $2; sub(/^\*/, "", n) } n == name { print tolower($1) }' \
    "$staging/sha256.sum")"
[ -n "$listed" ] ||
    die "release v$version has no archive for $target ($archive is not in sha256.sum); set \`version: source\` to build it with cargo"
[ "$(printf '%s\n' "$listed" | wc -l)" -eq 1 ] || die "sha256.sum lists $archive more than once"
[[ "$listed" =~ ^[0-9a-f]{64}$ ]] || die "sha256.sum has no valid SHA-256 for $archive"

status="$(fetch "$release/$archive.sha256" "$staging/$archive.sha256")"
[ "$status" = 200 ] || die "could not download $release/$archive.sha256 (HTTP $status)"
own="$(awk 'NR == 1 { print tolower($1) }' "$staging/$archive.sha256")"
[ "$own" = "$listed" ] ||
    die "$archive.sha256 ($own) and sha256.sum ($listed) disagree; not installing"

status="$(fetch "$release/$archive" "$staging/$archive")"
case "$status" in
200) ;;
404) die "no archive for $target in release v$version: $release/$archive (HTTP 404)" ;;
*) die "could not download $release/$archive (HTTP $status)" ;;
esac
actual="$(sha256 "$staging/$archive")"
[ "$actual" = "$listed" ] ||
    die "$archive does not match its published SHA-256 (expected $listed, got $actual); not installing"

# Verified: unpack. cargo-dist puts the binary in a folder named after the archive
# (`ownlint-TARGET/ownlint`); a zip may hold it at the top.
mkdir -- "$staging/unpacked"
case "$archive" in
*.zip)
    if command -v unzip > /dev/null; then
        unzip -q "$staging/$archive" -d "$staging/unpacked" || die "could not unpack $archive"
    elif command -v 7z > /dev/null; then
        7z x -bd -y "-o$staging/unpacked" -- "$staging/$archive" > /dev/null || die "could not unpack $archive"
    else
        die "neither unzip nor 7z is installed to unpack $archive"
    fi
    ;;
*) tar -xJf "$staging/$archive" -C "$staging/unpacked" || die "could not unpack $archive (tar and xz are needed)" ;;
esac
binary=""
for candidate in "$staging/unpacked/ownlint-$target/$exe" "$staging/unpacked/$exe"; do
    if [ -f "$candidate" ] && [ ! -L "$candidate" ]; then
        binary="$candidate"
        break
    fi
done
[ -n "$binary" ] || die "$archive holds no ownlint-$target/$exe"

install_dir="$(mktemp -d "$parent/ownlint-$version.XXXXXX")"
mv -- "$binary" "$install_dir/$exe"
chmod 755 -- "$install_dir/$exe"
"$install_dir/$exe" --version > /dev/null || die "the downloaded ownlint does not run"

output method download
output version "$version"
output path "$install_dir/$exe"
printf '%s\n' "$install_dir" >> "$GITHUB_PATH"
note "ownlint $version ($target) verified and installed in $install_dir"
install_dir="" # keep it
