#!/usr/bin/env bash
# The end-to-end tests of `ownlint server` (tests/lsp/): pytest-lsp, a real LSP client,
# drives the server over stdio. The client and pytest are pinned in
# tests/lsp/requirements.txt and installed into the venv .ci/run uses (target/ci-venv).
#
# OWNLINT names the binary to test (a path, or a name on PATH); unset, the repository's
# debug build is built and tested, as CI does. Arguments go to pytest (`-k parity`, `-x`).
set -euo pipefail

# shellcheck source=tests/ownlint-binary.sh
. "$(dirname "$0")/ownlint-binary.sh"
# The binary as given, resolved before leaving the caller's folder.
ownlint_from_env

cd "$(dirname "$0")/.."

venv=target/ci-venv
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    -r tests/lsp/requirements.txt

ownlint_built tests/lsp.sh

# Nothing written into the source tree: no bytecode, no pytest cache.
export PYTHONDONTWRITEBYTECODE=1
exec "$venv/bin/python" -m pytest -q -p no:cacheprovider tests/lsp "$@"
