#!/usr/bin/env bash
# Group commit: commits per second with 1, 4, 16 and 64 concurrent committers, fsync on (goal: 16
# committers at least 5 times one). See docs/BENCHMARKS.md. Builds the paged engine and what it
# depends on (not installed), then runs GroupCommitMain through the bench profile.
# Usage: scripts/bench-commit.sh [--seconds=N] [--committers=1,4,16,64] [--dir=PATH]
set -euo pipefail
for arg in "$@"; do
    case "$arg" in
        --seconds=?*|--committers=?*|--dir=/*) ;;
        *) echo "bench-commit.sh: unknown option (or relative --dir): $arg" >&2; exit 2 ;;
    esac
done
cd "$(dirname "$0")/.."
exec mvn -B -ntp -q -pl bundles/storage-paged -am -Pbench verify -DskipTests \
    -Dbench.main=org.rustydb.storage.paged.bench.GroupCommitMain -Dbench.args="$*"
