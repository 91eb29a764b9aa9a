#!/usr/bin/env bash
# Issue 16's side-by-side comparison: one whole-process query ("radical") over the same 100k
# records with weerbaar (stored index; no index; the integrity check not remembered), fzf and
# sqlite3's own full-text search. Every command runs RUNS rounds, alternating (round 1 of each,
# then round 2 of each, …), so load on the shared machine falls on all of them alike; prints
# min / median / max wall seconds per command. Needs: sqlite3 (with FTS5), fzf, python3.
# See docs/performance.md.
#
#   scripts/perf/index-compare.sh [DB]   (default: the 100k benchmark inventory)
set -euo pipefail
cd "$(dirname "$0")/../.."
DB=${1:-target/bench-data/synth-100000-seed1.sqlite}
W=${WEERBAAR:-target/release/weerbaar}
RUNS=${RUNS:-5}
# PREP=1: make the files and stop.
OUT=${OUT:-target/bench-data/index-compare}
mkdir -p "$OUT"
[ -f "$DB" ] || "$W" db synth --count 100000 --seed 1 -o "$DB"
NOINDEX=${NOINDEX:-$OUT/noindex.sqlite}
if [ ! -f "$NOINDEX" ]; then
  cp "$DB" "$NOINDEX"
  sqlite3 "$NOINDEX" "DROP TABLE search_meta; DROP TABLE search_key; DROP TABLE search_value; DROP TABLE search_word; VACUUM;"
fi
TEXT="replace(i.summary || ' ' || i.aim || ' ' || i.approach || ' ' || i.framing, char(10), ' ')"
KEYS="i.name || coalesce(' ' || (SELECT group_concat(alias, ' ') FROM alias a WHERE a.intervention_id = i.id), '')
    || coalesce(' ' || (SELECT group_concat(name, ' ') FROM provider p WHERE p.intervention_id = i.id), '')"
[ -f "$OUT/names-summaries.txt" ] ||
  sqlite3 "$DB" "SELECT i.name || ' ' || replace(i.summary, char(10), ' ') FROM intervention i ORDER BY i.id" > "$OUT/names-summaries.txt"
[ -f "$OUT/all-text.txt" ] ||
  sqlite3 "$DB" "SELECT $KEYS || ' ' || $TEXT FROM intervention i ORDER BY i.id" > "$OUT/all-text.txt"
if [ ! -f "$OUT/trigram.sqlite" ]; then
  sqlite3 "$OUT/trigram.sqlite" "ATTACH '$DB' AS src;
    CREATE VIRTUAL TABLE t USING fts5(keys, text, tokenize='trigram');
    INSERT INTO t (keys, text) SELECT $KEYS, $TEXT FROM src.intervention i ORDER BY i.id;"
fi
if [ ! -f "$OUT/unicode61.sqlite" ]; then
  sqlite3 "$OUT/unicode61.sqlite" "ATTACH '$DB' AS src;
    CREATE VIRTUAL TABLE t USING fts5(name, summary, tokenize='unicode61 remove_diacritics 2');
    INSERT INTO t (name, summary) SELECT i.name, i.summary FROM src.intervention i ORDER BY i.id;"
fi
ls -l "$DB" "$NOINDEX" "$OUT"/*.sqlite "$OUT"/*.txt
[ -z "${PREP:-}" ] || exit 0
NOCACHE="$OUT/not-a-dir"   # a file: the cache cannot be written, so every call checks
touch "$NOCACHE"
CMDS=(
  "$W --db $DB list --query radical --format ids"
  "env WEERBAAR_CACHE_DIR=$NOCACHE $W --db $DB list --query radical --format ids"
  "$W --db $NOINDEX list --query radical --format ids"
  "fzf --filter radical < $OUT/names-summaries.txt"
  "fzf --filter radical < $OUT/all-text.txt"
  "sqlite3 $OUT/trigram.sqlite \"SELECT rowid FROM t WHERE t MATCH 'radical'\""
  "sqlite3 $OUT/unicode61.sqlite \"SELECT rowid FROM t WHERE t MATCH 'radical*'\""
  "sqlite3 $DB \"SELECT id FROM search_key WHERE instr(folded_name, 'radical') OR instr(aliases, 'radical')\""
  "$W list --format ids"
)
for c in "${CMDS[@]}"; do sh -c "$c" > /dev/null 2>&1; done   # warm up (and remember the check)
RESULTS="$OUT/times.txt"
: > "$RESULTS"
for round in $(seq "$RUNS"); do
  for i in "${!CMDS[@]}"; do
    start=$(date +%s%N)
    sh -c "${CMDS[$i]}" > /dev/null 2>&1
    end=$(date +%s%N)
    echo "$i $(( (end - start) / 1000 ))" >> "$RESULTS"
  done
done
for i in "${!CMDS[@]}"; do
  echo "$i: ${CMDS[$i]} → $(sh -c "${CMDS[$i]}" 2>/dev/null | wc -l) lines"
done
python3 - "$RESULTS" <<'PY'
import statistics, sys
times = {}
for line in open(sys.argv[1]):
    i, us = line.split()
    times.setdefault(int(i), []).append(int(us) / 1e6)
for i, t in sorted(times.items()):
    print(f"{i}: min {min(t):.3f} s  median {statistics.median(t):.3f} s  max {max(t):.3f} s  ({len(t)} runs)")
PY
