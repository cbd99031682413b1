#!/usr/bin/env bash
# The benchmark: ownlint against a parse-only reference on generated ownership repositories.
#
#   bench/run.sh                   all corpora: 1k, 10k, 100k domains, Markdown and mixed
#   bench/run.sh --quick           1k and 10k only
#   bench/run.sh --against REV     then the same corpora checked by REV's ownlint and this one,
#                                  runs interleaved (bench/compare.py): the change in per cent
#   bench/run.sh --lsp             then `ownlint server` on md-1k, md-10k, mixed-10k (bench/lsp.py):
#                                  keystroke latency, open time against check, peak memory; and
#                                  md-100k's open time and memory (without --quick)
#   bench/run.sh --codeowners      then the cost of checking CODEOWNERS: md-10k-codeowners and
#                                  md-100k-codeowners (md-10k's only with --quick), the same
#                                  corpora with a path per domain, the team registry and a
#                                  matching .github/CODEOWNERS, against md-10k and md-100k; each
#                                  checked from inside its root without a path (so that the
#                                  CODEOWNERS is read), runs interleaved (bench/compare.py
#                                  --in-root): the change in per cent
#
# OWNLINT_BENCH_BIN=DIR takes ownlint and the example programs already built in DIR instead of
# building them, and OWNLINT_BENCH_OUT=DIR keeps the corpora and reports there instead of
# target/bench: for a machine where another build is running. Without them, the figures are
# this checkout's.
#
# Builds ownlint and the benchmark programs (bench/gen_corpus.rs, bench/parse_reference.rs) in
# release mode, generates each corpus once under target/bench/ (deterministic: seed 1, 1% of
# the domains with a seeded defect, so that there is a report to write), then times, side by
# side in one run with hyperfine (Debian package `hyperfine`):
#   reference  walk + read + pulldown-cmark over every Markdown file (serde-saphyr over every
#              YAML file), same options, all cores
#   ownlint    `ownlint check --format json --output-file ...`: every rule, the report written
# and measures ownlint's peak resident memory with GNU time, and the start-up on the repository's
# own ownership/OWNERSHIP.md (one file, what a pre-commit hook pays). Prints one Markdown table.
# Medians, with the range (min-max) of the runs. Without hyperfine, falls back to repeated runs.
set -euo pipefail

cd "$(dirname "$0")/.."
quick=false
lsp=false
codeowners=false
against=""
while (($#)); do
  case $1 in
    --quick) quick=true ;;
    --lsp) lsp=true ;;
    --codeowners) codeowners=true ;;
    --against)
      against=${2:?--against needs a revision}
      shift
      ;;
    *)
      echo "bench: unknown argument $1 (--quick, --lsp, --codeowners, --against REV)" >&2
      exit 2
      ;;
  esac
  shift
done

bin=${OWNLINT_BENCH_BIN:-target/release}
out=${OWNLINT_BENCH_OUT:-target/bench}
if [[ -z ${OWNLINT_BENCH_BIN:-} ]]; then
  cargo build --release --locked --quiet --bin ownlint --example gen_corpus --example parse_reference
fi
mkdir -p "$out"

sizes=(1000 10000 100000)
$quick && sizes=(1000 10000)
runs() { # runs for a corpus of $1 domains
  case $1 in 1000) echo 30 ;; 10000) echo 20 ;; *) echo 10 ;; esac
}

have_hyperfine=true
command -v hyperfine >/dev/null || have_hyperfine=false
$have_hyperfine || echo "bench: hyperfine not found (apt install hyperfine); using repeated runs" >&2

# Median and range in milliseconds of a command run $2 times: "median min max".
time_runs() {
  local cmd=$1 n=$2 json
  if $have_hyperfine; then
    json=$(mktemp)
    hyperfine -N -i --warmup 2 --runs "$n" --export-json "$json" "$cmd" >/dev/null 2>&1
    python3 - "$json" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print(f'{r["median"]*1000:.1f} {r["min"]*1000:.1f} {r["max"]*1000:.1f}')
EOF
    rm -f "$json"
  else
    local times=() start end
    for _ in $(seq "$n"); do
      start=$(date +%s%N)
      $cmd >/dev/null 2>&1 || true
      end=$(date +%s%N)
      times+=($(((end - start) / 1000)))
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.1f %.1f %.1f\n", a[int((NR+1)/2)]/1000, a[1]/1000, a[NR]/1000}'
  fi
}

peak_rss_mb() { # the largest peak resident set of 3 runs, in MB (GNU time)
  local max=0 kb file
  file=$(mktemp)
  for _ in 1 2 3; do
    /usr/bin/time -o "$file" -f '%M' "$@" >/dev/null 2>&1 || true
    kb=$(tail -1 "$file")
    if ((kb > max)); then max=$kb; fi
  done
  rm -f "$file"
  awk -v kb="$max" 'BEGIN {printf "%.0f", kb / 1024}'
}

echo "| corpus | files | MB | reference (median, range) | ownlint (median, range) | ratio | peak RSS | domains/s |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
declare -A ownlint_ms
for format in md mixed; do
  for n in "${sizes[@]}"; do
    name="$format-$((n / 1000))k"
    corpus="$out/$name"
    if [[ ! -f "$corpus/expected.tsv" ]]; then
      rm -rf "$corpus"
      "$bin/examples/gen_corpus" "$corpus" --domains "$n" --format "$format" --defects 0.01 --seed 1 2>/dev/null
    fi
    files=$(find "$corpus" -type f \( -name '*.md' -o -name '*.yaml' -o -name '*.yml' \) | wc -l)
    mb=$(find "$corpus" -type f \( -name '*.md' -o -name '*.yaml' -o -name '*.yml' \) -print0 | du -cb --files0-from=- | tail -1 | awk '{printf "%.1f", $1 / 1e6}')
    report="$out/$name.report.json"
    read -r ref ref_min ref_max < <(time_runs "$bin/examples/parse_reference $corpus" "$(runs "$n")")
    read -r own own_min own_max < <(time_runs "$bin/ownlint check --format json --output-file $report $corpus" "$(runs "$n")")
    rss=$(peak_rss_mb "$bin/ownlint" check --format json --output-file "$report" "$corpus")
    ratio=$(awk -v a="$own" -v b="$ref" 'BEGIN {printf "%.2f", a / b}')
    rate=$(awk -v n="$n" -v ms="$own" 'BEGIN {printf "%.0f", n / (ms / 1000)}')
    ownlint_ms[$name]=$own
    echo "| $name | $files | $mb | $ref ms ($ref_min-$ref_max) | $own ms ($own_min-$own_max) | ${ratio}x | $rss MB | $rate |"
  done
done

read -r start start_min start_max < <(time_runs "$bin/ownlint check ownership/OWNERSHIP.md" 300)
echo
echo "Start-up, \`ownlint check ownership/OWNERSHIP.md\` (one file, 9 domains): median $start ms (range $start_min-$start_max, 300 runs)."
if ! $quick; then
  for format in md mixed; do
    awk -v a="${ownlint_ms[$format-100k]}" -v b="${ownlint_ms[$format-10k]}" -v f="$format" \
      'BEGIN {printf "Growth, %s: 100k domains take %.1fx the time of 10k.\n", f, a / b}'
  done
fi
if $lsp; then
  # The server's corpora were generated above; md-100k for the open and the memory only (its
  # edits would add minutes for a latency the target does not cover).
  servers=("$out/md-1k" "$out/md-10k" "$out/mixed-10k")
  $quick || servers+=("$out/md-100k=0")
  echo
  echo "Language server, \`bench/lsp.py --edits 200 --runs 10\` (open: from starting \`ownlint server\` to the"
  echo "publication of every file \`check\` reports; check: \`ownlint check --format json --output-file …\` in the folder):"
  echo
  python3 bench/lsp.py --edits 200 --runs 10 "$bin/ownlint" "${servers[@]}"
fi
if $codeowners; then
  # The same generator with --codeowners: the same domains and defects (expected.tsv), each
  # domain with a folder of its own, .ownlint.yaml with a handle per owner, and the CODEOWNERS
  # ownlint's export would write, so that the codeowners rules find nothing. The corpora are
  # checked as a repository is, from its root without a path. Three bases: the same corpus
  # without its CODEOWNERS file (a copy, hard links, .github/ left out), which does not check
  # CODEOWNERS — the difference is what checking it costs, the figure issue 15 bounds —; the
  # same documents without paths, with the same team registry (a copy of md-Nk with the
  # corpus's .ownlint.yaml) — what the paths and CODEOWNERS cost together —; and md-Nk itself,
  # without the registry either.
  pairs=()
  for n in "${sizes[@]}"; do
    ((n >= 10000)) || continue
    name="md-$((n / 1000))k"
    corpus="$out/$name-codeowners"
    if [[ ! -f "$corpus/expected.tsv" ]]; then
      rm -rf "$corpus"
      "$bin/examples/gen_corpus" "$corpus" --domains "$n" --format md --defects 0.01 --seed 1 \
        --codeowners 2>/dev/null
    fi
    registry="$out/$name-registry"
    if [[ ! -f "$registry/.ownlint.yaml" ]]; then
      rm -rf "$registry"
      cp -al "$out/$name" "$registry"
      cp "$corpus/.ownlint.yaml" "$registry/.ownlint.yaml"
    fi
    unread="$out/$name-codeowners-unread"
    if [[ ! -f "$unread/.ownlint.yaml" ]]; then
      rm -rf "$unread"
      mkdir "$unread"
      for entry in "$corpus"/* "$corpus"/.ownlint.yaml; do cp -al "$entry" "$unread/"; done
    fi
    each=$((5 * $(runs "$n")))
    pairs+=("$unread,$corpus=$each" "$registry,$corpus=$each" "$out/$name,$corpus=$each")
  done
  echo
  echo "Checking CODEOWNERS, \`ownlint check --format json --output-file …\` in the corpus's root, runs"
  echo "interleaved (100 and 50 by size), medians; base: the same corpus without its CODEOWNERS file"
  echo "(-unread), the same documents without paths and CODEOWNERS with the team registry (-registry),"
  echo "and without it:"
  echo
  python3 bench/compare.py --in-root "$bin/ownlint" 30 "${pairs[@]}"
fi
if [[ -n "$against" ]]; then
  # REV's ownlint, built once in a worktree of its own under target/bench.
  rev=$(git rev-parse --verify "$against^{commit}")
  tree="$out/rev-${rev:0:12}"
  [[ -d "$tree" ]] || git worktree add --quiet --detach "$tree" "$rev"
  CARGO_TARGET_DIR="$out/rev-target" cargo build --release --locked --quiet --bin ownlint \
    --manifest-path "$tree/Cargo.toml"
  corpora=()
  for format in md mixed; do
    # Five times the runs of the timing above: a change of a few per cent needs them.
    for n in "${sizes[@]}"; do corpora+=("$out/$format-$((n / 1000))k=$((5 * $(runs "$n")))"); done
  done
  echo
  echo "Against ${rev:0:12} (\`git describe\`: $(git describe --always "$rev")), runs interleaved (150, 100 and 50 by size), medians:"
  echo
  python3 bench/compare.py "$out/rev-target/release/ownlint" "$bin/ownlint" 30 "${corpora[@]}"
fi
echo
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(awk '/MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo); $(rustc --version | cut -d' ' -f1-2); $(date -u +%Y-%m-%d)."
