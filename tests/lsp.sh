#!/usr/bin/env bash
# The end-to-end tests of `ownlint server` (tests/lsp/): pytest-lsp, a real LSP client,
# drives the server over stdio. The client and pytest are pinned in
# tests/lsp/requirements.txt and installed into the venv .ci/run uses (target/ci-venv).
#
# OWNLINT names the binary to test (a path, or a name on PATH); unset, the repository's
# debug build is built and tested, as CI does. Arguments go to pytest (`-k parity`, `-x`).
set -euo pipefail

# The binary as given, resolved before leaving the caller's folder.
if [ -n "${OWNLINT:-}" ]; then
    case "$OWNLINT" in
        */*) OWNLINT="$(cd "$(dirname "$OWNLINT")" && pwd)/$(basename "$OWNLINT")" ;;
        *) OWNLINT="$(command -v "$OWNLINT")" ;;
    esac
fi

cd "$(dirname "$0")/.."

venv=target/ci-venv
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    -r tests/lsp/requirements.txt

if [ -z "${OWNLINT:-}" ]; then
    cargo build --locked --quiet --bin ownlint
    OWNLINT="$PWD/target/debug/ownlint"
fi
test -x "$OWNLINT" || { echo "tests/lsp.sh: $OWNLINT is not an executable" >&2; exit 2; }
export OWNLINT

# Nothing written into the source tree: no bytecode, no pytest cache.
export PYTHONDONTWRITEBYTECODE=1
exec "$venv/bin/python" -m pytest -q -p no:cacheprovider tests/lsp "$@"
