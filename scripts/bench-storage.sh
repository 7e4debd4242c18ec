#!/usr/bin/env bash
# The storage benchmark: RustyDB's paged engine against H2's MVStore in one JMH run (durable
# inserts in 1,000-row transactions, random primary-key lookups, a full scan). See docs/BENCHMARKS.md.
# Builds the paged engine and what it depends on (not installed), then runs the bench profile;
# the table is printed at the end and saved as bundles/storage-paged/target/bench/storage-<date>.csv
# (JMH's own JSON beside it). The full run takes a while; a quick one: scripts/bench-storage.sh 100000
# Usage: scripts/bench-storage.sh [ROWS [LOOKUPS]] [StorageBenchMain options: --forks=N --warmup=N
#        --iterations=N --mvstore-cache-mb=N --only=insert|read]
set -euo pipefail
cd "$(dirname "$0")/.."

rows=1000000
lookups=200000
if [ $# -gt 0 ] && [ "${1#--}" = "$1" ]; then rows="$1"; shift; fi
if [ $# -gt 0 ] && [ "${1#--}" = "$1" ]; then lookups="$1"; shift; fi
for n in "$rows" "$lookups"; do
    case "$n" in
        ''|*[!0-9]*|0) echo "bench-storage.sh: ROWS and LOOKUPS must be positive numbers: $n" >&2; exit 2 ;;
    esac
done
for arg in "$@"; do
    case "$arg" in
        --*=*[!\ ]) ;;
        *) echo "bench-storage.sh: options look like --name=value without spaces: $arg" >&2; exit 2 ;;
    esac
    case "$arg" in *' '*) echo "bench-storage.sh: no spaces in options: $arg" >&2; exit 2 ;; esac
done

exec mvn -B -ntp -q -pl bundles/storage-paged -am -Pbench verify -DskipTests \
    -Dbench.rows="$rows" -Dbench.lookups="$lookups" -Dbench.args="$*"
