#!/usr/bin/env bash
# Time and peak memory of `ownlint check` on hostile input (the figures behind the bounds
# that tests/limits.rs checks): a YAML alias bomb, YAML and Markdown nested 10,000 levels,
# a 100 MB file (refused by the size limit, and read with the limit raised), a 10 MB line,
# and 100,000 tiny files in one folder. Release build; medians of 5 runs (1 for the largest).
#
#   bench/hostile.sh
set -euo pipefail

cd "$(dirname "$0")/.."
cargo build --release --locked --quiet --bin ownlint
bin=$PWD/target/release/ownlint
out=$PWD/target/bench/hostile
rm -rf "$out"
mkdir -p "$out"
cd "$out"

repeat() { # $1 repeated $2 times
  local s
  printf -v s '%*s' "$2" ''
  printf '%s' "${s// /$1}"
}
domain=$'## Payments Domain\n\n**Owner:** Payments Team\n**Escalation Contact:** Ann\n\n'

{
  printf 'a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n'
  prev=a
  for name in b c d e f g h i; do
    printf '%s: &%s [*%s, *%s, *%s, *%s, *%s, *%s, *%s, *%s, *%s]\n' "$name" "$name" $prev $prev $prev $prev $prev $prev $prev $prev $prev
    prev=$name
  done
  printf 'domains:\n  - name: A\n    owner: *i\n'
} >bomb.yaml
printf 'domains:\n  - name: A\n    owner: %sx%s\n' "$(repeat '{a: ' 10000)" "$(repeat '}' 10000)" >nested.yaml
{ printf '%s' "$domain"; repeat '- ' 10000; printf 'deep\n'; } >nested-lists.md
{ printf '%s' "$domain"; repeat '> ' 10000; printf 'deep\n'; } >nested-quotes.md
{ printf '%s**Escalation Contact:** ' "${domain%%\*\*Escalation*}"; head -c 10000000 /dev/zero | tr '\0' x; printf '\n'; } >long-line.md
# 100 MB of real domains.
block=$(for i in $(seq 1 200); do printf '## D%s Domain\n\n**Owner:** Team %s\n**Escalation Contact:** Ann\n\n' "$i" "$i"; done)
: >big.md
while (($(stat -c %s big.md) < 100000000)); do printf '%s\n' "$block" >>big.md; done
mkdir tiny
for i in $(seq -w 0 99999); do printf '## D%s Domain\n\n**Owner:** Team %s\n' "$i" "$((10#$i % 97))" >"tiny/d$i.md"; done

measure() { # label, runs, args...: median wall ms and largest peak RSS of the runs
  local label=$1 runs=$2 times=() rss=0 t0 t1 kb
  shift 2
  for _ in $(seq "$runs"); do
    t0=$(date +%s%N)
    /usr/bin/time -o time.txt -f '%M' "$bin" "$@" >/dev/null 2>&1 || true
    t1=$(date +%s%N)
    times+=($(((t1 - t0) / 1000)))
    kb=$(tail -1 time.txt)
    ((kb > rss)) && rss=$kb
  done
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]/1000}')
  printf '| %s | %s ms | %.0f MB |\n' "$label" "$median" "$(awk -v k="$rss" 'BEGIN {print k / 1024}')"
}

echo "| input | time (median) | peak RSS |"
echo "|---|---:|---:|"
measure "YAML alias bomb (9 levels of 9 aliases)" 5 check --format json bomb.yaml
measure "YAML nested 10,000 levels" 5 check --format json nested.yaml
measure "Markdown lists nested 10,000 levels" 5 check --format json nested-lists.md
measure "Markdown block quotes nested 10,000 levels" 5 check --format json nested-quotes.md
measure "one 10 MB line" 5 check --format json long-line.md
measure "100 MB file, refused by --max-file-size" 5 check --format json big.md
measure "100 MB file, --max-file-size 200M ($(grep -c '^## ' big.md) domains)" 1 check --format json --select OWN1 --max-file-size 200M big.md
measure "100,000 tiny files in one folder" 1 check --format json --select OWN1 tiny
