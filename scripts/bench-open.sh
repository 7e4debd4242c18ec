#!/usr/bin/env bash
# How long a large paged database takes to open after a clean shutdown (goal: 1 GB in under 2 s).
# See docs/BENCHMARKS.md. Builds the paged engine and what it depends on (not installed), then runs
# OpenTimeMain through the bench profile: it loads bundles/storage-paged/target/bench/open-<GB>g
# once (minutes; kept for later runs), opens it 5 times in one JVM and once in a fresh JVM, and
# prints the open and first-query times.
# Usage: scripts/bench-open.sh [GB] [OpenTimeMain options: --dir=PATH --delete --runs=N
#        --buffer-pool-mb=N --no-fresh-jvm]        GB is in GiB, default 1.0
set -euo pipefail

gb=1.0
if [ $# -gt 0 ] && [ "${1#--}" = "$1" ]; then gb="$1"; shift; fi
if ! [[ "$gb" =~ ^[0-9]*\.?[0-9]+$ ]] || [[ "$gb" =~ ^[0.]+$ ]]; then
    echo "bench-open.sh: GB must be a positive number: $gb" >&2; exit 2
fi
args=()
for arg in "$@"; do
    case "$arg" in *' '*) echo "bench-open.sh: no spaces in options: $arg" >&2; exit 2 ;; esac
    case "$arg" in
        --dir=?*) # the main runs in bundles/storage-paged: make a relative directory the caller's
            dir="${arg#--dir=}"
            case "$dir" in /*) ;; *) dir="$PWD/$dir" ;; esac
            args+=("--dir=$dir") ;;
        --delete|--keep|--no-fresh-jvm|--runs=?*|--buffer-pool-mb=?*) args+=("$arg") ;;
        *) echo "bench-open.sh: unknown option: $arg" >&2; exit 2 ;;
    esac
done

cd "$(dirname "$0")/.."
exec mvn -B -ntp -q -pl bundles/storage-paged -am -Pbench verify -DskipTests \
    -Dbench.main=org.rustydb.storage.paged.bench.OpenTimeMain -Dbench.args="$gb ${args[*]}"
