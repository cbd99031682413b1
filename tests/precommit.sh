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

# A throwaway repository with its own identity, so no global git config is needed.
cd "$work"
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
      - id: ownlint-source
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
# Sets $status to pre-commit's exit code. `cargo install --path` would leave
# its build directory (about 250 MB) inside the hook environment in
# PRE_COMMIT_HOME; CARGO_TARGET_DIR puts it in the temp dir instead, so the
# cache keeps only the installed binary.
run_hooks() {
    local log="$work/$1.log"
    status=0
    CARGO_TARGET_DIR="$work/cargo-target" pre-commit run --all-files --color never >"$log" 2>&1 || status=$?
    sed 's/^/    | /' "$log"
}

# 1. Broken document: the hook must fail, and for the right reason.
write_ownership "TBD"
commit_all "broken ownership document"
echo "precommit.sh: run 1 (placeholder owner; the hook must fail)"
start=$(date +%s)
run_hooks run1
elapsed=$(($(date +%s) - start))
if grep -q "Installing environment for" "$work/run1.log"; then
    echo "precommit.sh: run 1 took ${elapsed}s, including the first install (cargo install of ownlint at $rev)"
else
    echo "precommit.sh: run 1 took ${elapsed}s (hook environment already in PRE_COMMIT_HOME)"
fi
if [ "$status" -eq 0 ]; then
    echo "precommit.sh: FAILED: pre-commit passed on a document with a placeholder owner" >&2
    exit 1
fi
if ! grep -q "orphaned-domain" "$work/run1.log"; then
    echo "precommit.sh: FAILED: pre-commit failed (exit $status) but not with ownlint's orphaned-domain finding" >&2
    exit 1
fi

# 2. Fixed document: the same hook must pass.
write_ownership "Payment Service Team"
commit_all "fix the owner"
echo "precommit.sh: run 2 (real owner; the hook must pass)"
run_hooks run2
if [ "$status" -ne 0 ]; then
    echo "precommit.sh: FAILED: pre-commit failed (exit $status) on a clean document" >&2
    exit 1
fi
if ! grep -q "^ownlint\.*Passed" "$work/run2.log"; then
    echo "precommit.sh: FAILED: the ownlint hook did not report Passed" >&2
    exit 1
fi

echo "precommit.sh: OK: the ownlint-source hook failed on the broken document and passed on the fixed one"
