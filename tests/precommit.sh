#!/usr/bin/env bash
# Proves the `ownlint-source` pre-commit hook (.pre-commit-hooks.yaml), the one
# built from source with cargo, with the real pre-commit client: in a throwaway git repository that uses this repository as
# a hook repository, a broken ownership document must make `pre-commit run`
# fail, and the fixed document must make it pass.
#
# pre-commit clones the *committed* HEAD of this repository (`rev:` below), so
# uncommitted changes here, including to .pre-commit-hooks.yaml, are not tested.
#
# The hook environments live in PRE_COMMIT_HOME (default ~/.cache/pre-commit),
# which is kept between runs: the first run for a new HEAD builds ownlint with
# `cargo install`, later runs for the same HEAD reuse that build.
set -euo pipefail

if ! command -v pre-commit >/dev/null 2>&1; then
    echo "precommit.sh: SKIPPED: pre-commit is not installed (pip install pre-commit); the hook was not tested"
    exit 0
fi

root="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)"
rev="$(git -C "$root" rev-parse HEAD)"
export PRE_COMMIT_HOME="${PRE_COMMIT_HOME:-$HOME/.cache/pre-commit}"

if ! git -C "$root" cat-file -e "$rev:.pre-commit-hooks.yaml" 2>/dev/null; then
    echo "precommit.sh: FAILED: .pre-commit-hooks.yaml is not in the committed HEAD ($rev); commit it first" >&2
    exit 1
fi
if [ -n "$(git -C "$root" status --porcelain --untracked-files=no)" ]; then
    echo "precommit.sh: note: $root has uncommitted changes; they are not tested (pre-commit uses HEAD $rev)"
fi
echo "precommit.sh: pre-commit $(pre-commit --version | cut -d' ' -f2), hook repo $root at $rev, PRE_COMMIT_HOME=$PRE_COMMIT_HOME"

work="$(mktemp -d "${TMPDIR:-/tmp}/ownlint-precommit.XXXXXX")"
trap 'rm -rf -- "$work"' EXIT

me=precommit.sh
# shellcheck source=tests/precommit-common.sh
. "$root/tests/precommit-common.sh"
hook_repo ownlint-source

# 1. Broken document: the hook must fail, and for the right reason.
# `cargo install --path` would leave its build directory (about 250 MB) inside
# the hook environment in PRE_COMMIT_HOME; CARGO_TARGET_DIR puts it in the temp
# dir instead, so the cache keeps only the installed binary.
commit_ownership "TBD"
echo "precommit.sh: run 1 (placeholder owner; the hook must fail)"
start=$(date +%s)
run_hooks run1 CARGO_TARGET_DIR="$work/cargo-target"
elapsed=$(($(date +%s) - start))
if grep -q "Installing environment for" "$work/run1.log"; then
    echo "precommit.sh: run 1 took ${elapsed}s, including the first install (cargo install of ownlint at $rev)"
else
    echo "precommit.sh: run 1 took ${elapsed}s (hook environment already in PRE_COMMIT_HOME)"
fi
expect_caught run1

# 2. Fixed document: the same hook must pass.
commit_ownership "Payment Service Team"
echo "precommit.sh: run 2 (real owner; the hook must pass)"
run_hooks run2 CARGO_TARGET_DIR="$work/cargo-target"
expect_passed run2

echo "precommit.sh: OK: the ownlint-source hook failed on the broken document and passed on the fixed one"
