#!/usr/bin/env bash
# The long crash test: CrashRecoveryIT with 500 SIGKILL/recovery cycles on one data directory
# (about 4 s a cycle, so half an hour; `mvn verify` runs 20). Needs an installed build first:
#   mvn install -DskipTests
# Usage: scripts/crash-test.sh [CYCLES] [extra Maven arguments, e.g. -Dcrash.seed=1234]
# The per-cycle lines and the failure, if any, are printed; the server output, the logs and the
# data directory as the last kill left it (crash-image/) stay in itests/target/itest/crash-*/.
set -euo pipefail
cd "$(dirname "$0")/.."

cycles="${1:-500}"
[ $# -gt 0 ] && shift
case "$cycles" in
    ''|*[!0-9]*) echo "crash-test.sh: CYCLES must be a number: $cycles" >&2; exit 2 ;;
esac
if [ ! -x distribution/target/rustydb/bin/rustydb ]; then
    echo "crash-test.sh: no distribution/target/rustydb: run 'mvn install -DskipTests' first" >&2
    exit 2
fi

exec mvn -B -ntp -pl itests verify -Dit.test=CrashRecoveryIT -Dcrash.cycles="$cycles" "$@"
