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

# A throwaway repository with its own identity, so no global git config is needed.
mkdir "$work/repo"
cd "$work/repo"
git init -q .
git config user.name "ownlint pre-commit test"
git config user.email "precommit-test@ownlint.invalid"
git config commit.gpgsign false

# YAML single-quoted scalar: a quote inside the path is written twice.
repo_yaml="'${root//\'/\'\'}'"
cat > .pre-commit-config.yaml <<EOF
repos:
  - repo: $repo_yaml
    rev: $rev
    hooks:
      - id: ownlint
EOF

# Writes ownership/OWNERSHIP.md with the given owner; `TBD` is a placeholder
# owner, an error-severity `orphaned-domain` (OWN101) finding.
write_ownership() {
    mkdir -p ownership
    cat > ownership/OWNERSHIP.md <<EOF
# Ownership Model

## Domain Ownership

### Payments Domain

**Owner:** $1
**Escalation Contact:** @payments-oncall
**SLO Responsibility:**
- Payment processing: P95 ≤ 500ms

**Incident Authority:**
- Can disable payment processing during incidents

**Responsibilities:**
- Payment processing
EOF
}

commit_all() {
    git add -A
    git commit -q -m "$1"
}

# Runs the hooks on all files; the output goes to the named log and is shown.
# Sets $status to pre-commit's exit code.
run_hooks() {
    local log="$work/$1.log"
    status=0
    pre-commit run --all-files --color never >"$log" 2>&1 || status=$?
    sed 's/^/    | /' "$log"
}

# 1. Broken document: the first run installs the hook, which must fail, and
#    for the right reason.
write_ownership "TBD"
commit_all "broken ownership document"
echo "precommit-wheel.sh: run 1 (first install; placeholder owner, the hook must fail)"
start=$(date +%s%N)
run_hooks run1
elapsed_ms=$((($(date +%s%N) - start) / 1000000))
echo "precommit-wheel.sh: run 1 took $((elapsed_ms / 1000)).$(printf '%03d' $((elapsed_ms % 1000)))s, including the first install of the hook environment"
if ! grep -q "Installing environment for" "$work/run1.log"; then
    echo "precommit-wheel.sh: FAILED: run 1 did not install the hook environment" >&2
    exit 1
fi
if [ "$status" -eq 0 ]; then
    echo "precommit-wheel.sh: FAILED: pre-commit passed on a document with a placeholder owner" >&2
    exit 1
fi
if ! grep -q "orphaned-domain" "$work/run1.log"; then
    echo "precommit-wheel.sh: FAILED: pre-commit failed (exit $status) but not with ownlint's orphaned-domain finding" >&2
    exit 1
fi

# The binary in the hook environment is the one in the wheel, byte for byte:
# installed, not compiled.
installed="$(find "$PRE_COMMIT_HOME" -path '*/py_env-*/bin/ownlint' -type f | head -n 1)"
if [ -z "$installed" ]; then
    echo "precommit-wheel.sh: FAILED: no ownlint binary in the hook environment" >&2
    exit 1
fi
in_wheel="$(python3 - "$wheel" <<'EOF'
import hashlib, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as wheel:
    name = next(n for n in wheel.namelist() if n.endswith(".data/scripts/ownlint"))
    print(hashlib.sha256(wheel.read(name)).hexdigest())
EOF
)"
if [ "$(sha256sum "$installed" | cut -d' ' -f1)" != "$in_wheel" ]; then
    echo "precommit-wheel.sh: FAILED: the hook's ownlint ($installed) is not the wheel's binary" >&2
    exit 1
fi
if [ "$elapsed_ms" -ge 15000 ]; then
    echo "precommit-wheel.sh: FAILED: the first run took ${elapsed_ms}ms, over the 15 s budget" >&2
    exit 1
fi

# 2. Fixed document: the same hook must pass.
write_ownership "Payment Service Team"
commit_all "fix the owner"
echo "precommit-wheel.sh: run 2 (real owner; the hook must pass)"
run_hooks run2
if [ "$status" -ne 0 ]; then
    echo "precommit-wheel.sh: FAILED: pre-commit failed (exit $status) on a clean document" >&2
    exit 1
fi
if ! grep -q "^ownlint\.*Passed" "$work/run2.log"; then
    echo "precommit-wheel.sh: FAILED: the ownlint hook did not report Passed" >&2
    exit 1
fi

echo "precommit-wheel.sh: OK: the wheel hook installed in ${elapsed_ms}ms with the first run, failed on the broken document and passed on the fixed one"
