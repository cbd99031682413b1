# shellcheck shell=bash
# What tests/lsp.sh and tests/backstage.sh share: the ownlint binary to test. Sourced;
# `ownlint_from_env` before the caller leaves its folder (a relative OWNLINT is the
# caller's), `ownlint_built` in the repository's root after it. OWNLINT names the binary
# (a path, or a name on PATH); unset, the repository's debug build is built and tested, as
# CI does.

ownlint_from_env() {
    if [ -n "${OWNLINT:-}" ]; then
        case "$OWNLINT" in
            */*) OWNLINT="$(cd "$(dirname "$OWNLINT")" && pwd)/$(basename "$OWNLINT")" ;;
            *) OWNLINT="$(command -v "$OWNLINT")" ;;
        esac
    fi
}

ownlint_built() {
    if [ -z "${OWNLINT:-}" ]; then
        cargo build --locked --quiet --bin ownlint
        OWNLINT="$PWD/target/debug/ownlint"
    fi
    test -x "$OWNLINT" || { echo "$1: $OWNLINT is not an executable" >&2; exit 2; }
    export OWNLINT
}
