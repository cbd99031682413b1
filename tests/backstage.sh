#!/usr/bin/env bash
# What ownlint writes and reads of Backstage catalogs, held to Backstage's own catalog model
# (@backstage/catalog-model, pinned in tests/backstage/package-lock.json; node and npm from
# the system): `ownlint export --format backstage` of the seed and of a fixture passes
# Backstage's entity policies and kind validators; so do the catalog fixtures ownlint reads
# as valid, and the fixtures whose problems Backstage does not see (dangling references,
# duplicates); the fixtures ownlint rejects for what Backstage rejects are rejected, and a
# deliberately broken entity is (so that the check can fail); and Backstage resolves the
# references of tests/backstage/refs.json as ownlint does (tests/backstage_refs.rs).
#
# OWNLINT names the binary to test; unset, the repository's debug build is built
# (tests/ownlint-binary.sh).
set -euo pipefail

# shellcheck source=tests/ownlint-binary.sh
. "$(dirname "$0")/ownlint-binary.sh"
ownlint_from_env

cd "$(dirname "$0")/.."

(cd tests/backstage && npm ci --no-audit --no-fund --loglevel=error)
ownlint_built tests/backstage.sh

out=target/backstage
rm -rf "$out"
mkdir -p "$out"
# The seed has warnings, no errors: exported as it is.
"$OWNLINT" export --format backstage ownership > "$out/seed.yaml"
"$OWNLINT" export --format backstage fixtures/seed > "$out/fixture-seed.yaml"

validate() { node tests/backstage/validate.mjs "$@"; }
validate "$out/seed.yaml" "$out/fixture-seed.yaml"
validate fixtures/catalog-*/pass*.yaml fixtures/catalog-*/pass-files/*.yaml \
    fixtures/multiple-owners/pass-files/catalog-info.yaml docs/examples/backstage/*.yaml \
    fixtures/catalog-unknown-reference/fail-files/*.yaml \
    fixtures/catalog-duplicate-entity/fail-files/*.yaml
for rejected in tests/backstage/broken.yaml fixtures/catalog-invalid-name/fail.yaml \
    fixtures/catalog-invalid-name/fail-files/catalog-info.yaml \
    fixtures/catalog-missing-owner/fail.yaml fixtures/parse-error/fail-files/catalog-info.yaml; do
    validate --must-fail "$rejected"
done
validate --refs tests/backstage/refs.json

# The export read back with the documents it came from: one workspace, the same owners.
mixed="$out/mixed"
mkdir -p "$mixed"
cp ownership/OWNERSHIP.md "$mixed/"
cp "$out/seed.yaml" "$mixed/catalog-info.yaml"
status=0
"$OWNLINT" check --format json --output-file "$out/mixed.json" "$mixed" || status=$?
if [ "$status" -gt 1 ]; then
    echo "tests/backstage.sh: ownlint check of the export and its documents exited $status" >&2
    exit 1
fi
python3 - "$out/mixed.json" <<'PY'
import json, sys
found = json.load(open(sys.argv[1]))
errors = [d for d in found["diagnostics"] if d["severity"] == "error"]
assert not errors, f"the export read back with its documents has errors: {errors}"
PY
echo "tests/backstage.sh: ok"
