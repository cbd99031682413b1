#!/usr/bin/env bash
# Neovim, a real editor, as the client of `ownlint server`: in a throwaway folder with the seed
# document (fixtures/seed/OWNERSHIP.md as ownership/OWNERSHIP.md), headless Neovim runs the
# set-up docs/editors.md gives for its version, as written, opens the document, and must show exactly what
# `ownlint check --format json` says about the same file; after an edit that gives a domain a
# real escalation contact, and after a line inserted at the top, it must show what
# `ownlint check` says about the edited text. tests/nvim/lsp.lua is the client side.
#
# OWNLINT names the binary to test; without it, it is built here (cargo build --locked).
# NVIM names the Neovim to run (default: nvim on PATH; 0.7 and later). OWNLINT_SETUP picks
# the documented set-up: enable (0.11+), start (0.8+) or start_client (0.7+); by default the
# newest that this Neovim has.
set -euo pipefail

me="nvim-lsp.sh"
root="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)"
nvim="${NVIM:-nvim}"

if ! command -v "$nvim" >/dev/null 2>&1; then
    echo "$me: FAILED: $nvim is not installed (apt-get install neovim)" >&2
    exit 1
fi
if [ -z "${OWNLINT:-}" ]; then
    (cd "$root" && cargo build --locked --quiet --bin ownlint)
    OWNLINT="$root/target/debug/ownlint"
fi
ownlint="$(cd -- "$(dirname -- "$OWNLINT")" && pwd)/$(basename -- "$OWNLINT")"

work="$(mktemp -d "${TMPDIR:-/tmp}/ownlint-nvim.XXXXXX")"
trap 'rm -rf -- "$work"' EXIT
mkdir "$work/ownership"
cp "$root/fixtures/seed/OWNERSHIP.md" "$work/ownership/OWNERSHIP.md"
# A configuration file marks the folder as the project's root, for Neovim's root markers as
# for `ownlint check`; `init` writes one with every setting commented out.
(cd "$work" && "$ownlint" init . >/dev/null 2>&1)
test -f "$work/.ownlint.yaml"

# Exit 1 means error-severity findings: a report all the same.
status=0
(cd "$work" && "$ownlint" check --format json ownership/OWNERSHIP.md) > "$work/expected.json" || status=$?
if [ "$status" -gt 1 ]; then
    echo "$me: FAILED: ownlint check exited $status" >&2
    exit 1
fi

# The documented set-up runs `ownlint` from PATH: that name is the binary under test.
mkdir "$work/bin"
ln -s "$ownlint" "$work/bin/ownlint"

# --clean: no user configuration or plugins, so the test sees Neovim's own LSP client only.
# The Lua leaves with :cquit on any failure; `timeout` covers a Neovim that hangs.
status=0
PATH="$work/bin:$PATH" OWNLINT_ROOT="$work" OWNLINT_BIN="$ownlint" \
    OWNLINT_EXPECTED="$work/expected.json" OWNLINT_DOCS="$root/docs/editors.md" \
    timeout 120 "$nvim" --headless --clean -c "luafile $root/tests/nvim/lsp.lua" </dev/null \
    || status=$?
if [ "$status" -ne 0 ]; then
    echo "$me: FAILED: Neovim ($("$nvim" --version | head -n 1)) exited $status" >&2
    exit 1
fi
