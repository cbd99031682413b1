#!/usr/bin/env bash
# Proves the recommended `ownlint` pre-commit hook (.pre-commit-hooks.yaml,
# `language: python`) with the real pre-commit client, offline: pip finds the
# `ownlint` wheel built from this checkout in a local wheelhouse instead of on
# PyPI. In a throwaway git repository that uses this repository as a hook
# repository, the first `pre-commit run` must install the hook from the wheel
# (not compile it) in under 15 seconds, fail on a broken ownership document and
# pass on the fixed one.
#
# Usage: tests/precommit-wheel.sh WHEELHOUSE
#
# WHEELHOUSE holds ownlint-<version>-*.whl (`maturin build`, see .ci/run) and a
# setuptools wheel: pre-commit runs `pip install .` on the root pyproject.toml,
# the shim whose only content is its dependency on `ownlint==<version>`, and
# pip builds the shim with setuptools. Nothing comes from an index
# (PIP_NO_INDEX=1).
#
# pre-commit clones the *committed* HEAD of this repository, so uncommitted
# changes to .pre-commit-hooks.yaml or pyproject.toml are not tested. Each run
# uses a fresh PRE_COMMIT_HOME, so the first run always measures the install.
set -euo pipefail

if ! command -v pre-commit >/dev/null 2>&1; then
    echo "precommit-wheel.sh: SKIPPED: pre-commit is not installed (pip install pre-commit); the hook was not tested"
    exit 0
fi
if [ $# -ne 1 ] || [ ! -d "$1" ]; then
    echo "usage: tests/precommit-wheel.sh WHEELHOUSE (a folder with the ownlint and setuptools wheels)" >&2
    exit 2
fi
wheelhouse="$(cd -- "$1" && pwd)"
root="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)"
rev="$(git -C "$root" rev-parse HEAD)"

# The versions that must agree: Cargo.toml's (the wheel's), the shim's own pin
# in the committed pyproject.toml, and the wheel in the wheelhouse.
version="$(sed -n 's/^version = "\(.*\)"$/\1/p' "$root/Cargo.toml" | head -n 1)"
if ! git -C "$root" show "$rev:pyproject.toml" | grep -qx "dependencies = \[\"ownlint==$version\"\]"; then
    echo "precommit-wheel.sh: FAILED: the committed pyproject.toml does not pin ownlint==$version (Cargo.toml's version)" >&2
    exit 1
fi
wheels=("$wheelhouse"/ownlint-"$version"-*.whl)
if [ ! -f "${wheels[0]}" ]; then
    echo "precommit-wheel.sh: FAILED: no ownlint-$version wheel in $wheelhouse (build it: see .ci/run)" >&2
    exit 1
fi
wheel="${wheels[0]}"
if [ -n "$(git -C "$root" status --porcelain --untracked-files=no)" ]; then
    echo "precommit-wheel.sh: note: $root has uncommitted changes; the hook definition is taken from HEAD $rev"
fi
echo "precommit-wheel.sh: pre-commit $(pre-commit --version | cut -d' ' -f2), hook repo $root at $rev, wheel $(basename "$wheel")"

work="$(mktemp -d "${TMPDIR:-/tmp}/ownlint-precommit-wheel.XXXXXX")"
trap 'rm -rf -- "$work"' EXIT

export PRE_COMMIT_HOME="$work/pre-commit-home"
export PIP_NO_INDEX=1
export PIP_FIND_LINKS="$wheelhouse"
export PIP_DISABLE_PIP_VERSION_CHECK=1

me=precommit-wheel.sh
# shellcheck source=tests/precommit-common.sh
. "$root/tests/precommit-common.sh"
hook_repo ownlint

# 1. Broken document: the first run installs the hook, which must fail, and
#    for the right reason.
commit_ownership "TBD"
echo "precommit-wheel.sh: run 1 (first install; placeholder owner, the hook must fail)"
start=$(date +%s%N)
run_hooks run1
elapsed_ms=$((($(date +%s%N) - start) / 1000000))
echo "precommit-wheel.sh: run 1 took $((elapsed_ms / 1000)).$(printf '%03d' $((elapsed_ms % 1000)))s, including the first install of the hook environment"
grep -q "Installing environment for" "$work/run1.log" || fail "run 1 did not install the hook environment"
expect_caught run1

# The binary in the hook environment is the one in the wheel, byte for byte:
# installed, not compiled.
installed="$(find "$PRE_COMMIT_HOME" -path '*/py_env-*/bin/ownlint' -type f | head -n 1)"
[ -n "$installed" ] || fail "no ownlint binary in the hook environment"
in_wheel="$(python3 - "$wheel" <<'EOF'
import hashlib, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as wheel:
    name = next(n for n in wheel.namelist() if n.endswith(".data/scripts/ownlint"))
    print(hashlib.sha256(wheel.read(name)).hexdigest())
EOF
)"
[ "$(sha256sum "$installed" | cut -d' ' -f1)" = "$in_wheel" ] ||
    fail "the hook's ownlint ($installed) is not the wheel's binary"
[ "$elapsed_ms" -lt 15000 ] || fail "the first run took ${elapsed_ms}ms, over the 15 s budget"

# 2. Fixed document: the same hook must pass.
commit_ownership "Payment Service Team"
echo "precommit-wheel.sh: run 2 (real owner; the hook must pass)"
run_hooks run2
expect_passed run2

echo "precommit-wheel.sh: OK: the wheel hook installed in ${elapsed_ms}ms with the first run, failed on the broken document and passed on the fixed one"
