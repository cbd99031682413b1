# shellcheck shell=bash
# The caller sets me, root, rev and work (below): they are not unset here.
# shellcheck disable=SC2154
# What tests/precommit.sh and tests/precommit-wheel.sh share: a throwaway git
# repository that uses this repository as a pre-commit hook repository at its
# committed HEAD, an ownership document to break and fix, and the run of the
# real pre-commit client. Sourced, after the caller has set:
#   me     the script's name, for its messages
#   root   this repository
#   rev    the commit pre-commit clones
#   work   a temporary folder the caller removes
# and with `hook_repo HOOK_ID` called once. Each run_hooks sets $status.

fail() {
    echo "$me: FAILED: $*" >&2
    exit 1
}

# A repository in $work/repo with its own identity (no global git config is
# needed) whose .pre-commit-config.yaml runs HOOK_ID from this repository.
hook_repo() {
    mkdir "$work/repo"
    cd "$work/repo" || exit 1
    git init -q .
    git config user.name "ownlint pre-commit test"
    git config user.email "precommit-test@ownlint.invalid"
    git config commit.gpgsign false
    # YAML single-quoted scalar: a quote inside the path is written twice.
    local repo_yaml="'${root//\'/\'\'}'"
    cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $repo_yaml
    rev: $rev
    hooks:
      - id: $1
YAML
}

# Commits ownership/OWNERSHIP.md with the given owner; `TBD` is a placeholder
# owner, an error-severity `orphaned-domain` (OWN101) finding.
commit_ownership() {
    mkdir -p ownership
    cat > ownership/OWNERSHIP.md <<MD
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
MD
    git add -A
    git commit -q -m "owner: $1"
}

# Runs the hooks on all files (with any VAR=value given first); the output goes
# to $work/LOG.log and is shown. Sets $status to pre-commit's exit code.
run_hooks() {
    local log="$work/$1.log"
    shift
    status=0
    env "$@" pre-commit run --all-files --color never >"$log" 2>&1 || status=$?
    sed 's/^/    | /' "$log"
}

# The run in LOG failed, and for the right reason.
expect_caught() {
    [ "$status" -ne 0 ] || fail "pre-commit passed on a document with a placeholder owner"
    grep -q "orphaned-domain" "$work/$1.log" ||
        fail "pre-commit failed (exit $status) but not with ownlint's orphaned-domain finding"
}

# The run in LOG passed, with the ownlint hook's own line.
expect_passed() {
    [ "$status" -eq 0 ] || fail "pre-commit failed (exit $status) on a clean document"
    grep -q "^ownlint\.*Passed" "$work/$1.log" || fail "the ownlint hook did not report Passed"
}
