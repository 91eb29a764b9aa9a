#!/usr/bin/env bash
# Compare weerbaar's search with `fzf --filter` on the same searchable lines (name, aliases and
# providers of every intervention: the fields weerbaar matches fuzzily), whole process, with
# hyperfine. Per-query figures for weerbaar in-process come from `cargo bench --bench latency`.
# Needs: sqlite3, fzf, hyperfine. See docs/performance.md.
#
#   scripts/perf/fzf-compare.sh [DB]     (default: the 100k benchmark inventory)
set -euo pipefail
cd "$(dirname "$0")/../.."
DB=${1:-target/bench-data/synth-100000-seed1.sqlite}
W=${WEERBAAR:-target/release/weerbaar}
[ -f "$DB" ] || "$W" db synth --count 100000 --seed 1 -o "$DB"
LINES="${DB%.sqlite}.lines.txt"
sqlite3 "$DB" "SELECT i.name
    || coalesce(' ' || (SELECT group_concat(alias, ' ') FROM alias a WHERE a.intervention_id = i.id), '')
    || coalesce(' ' || (SELECT group_concat(name, ' ') FROM provider p WHERE p.intervention_id = i.id), '')
  FROM intervention i ORDER BY i.id" > "$LINES"
echo "$(wc -l < "$LINES") lines, $(wc -c < "$LINES") bytes in $LINES"
QUERIES=("ouders" "polarisatie" "weerbaar opvoeden" "jongeren school" "radicalisering" "dialoog")
for q in "${QUERIES[@]}"; do
  echo "== $q: fzf $(fzf --filter "$q" < "$LINES" | wc -l) lines, weerbaar $("$W" --db "$DB" list -q "$q" --format ids | wc -l) ids"
done
args=()
for q in "${QUERIES[@]}"; do
  args+=("fzf --filter '$q' < $LINES")
done
hyperfine --warmup 1 --runs "${RUNS:-5}" --export-markdown target/bench-data/fzf.md "${args[@]}" \
  "$W --db $DB list -q 'ouders' --format ids" \
  "$W --db $DB list -q 'weerbaar opvoeden' --format ids"
