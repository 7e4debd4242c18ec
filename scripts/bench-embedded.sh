#!/usr/bin/env bash
# The embedded JDBC driver next to H2 2.3.232, each in file and memory mode, in one JVM: 1M rows
# inserted in batches of 1,000 (one commit each), 200k point lookups by primary key, a GROUP BY over
# the 1M rows and a 100k x 10k join (see EmbeddedBenchmark), plus the cold open-to-first-query time
# of the embedded jar in a fresh JVM.
# Needs `mvn install -DskipTests` first (the embedded jar and the itests' test classes).
# Usage: scripts/bench-embedded.sh [fsync=true|false]   (RustyDB's fsync; H2 never forces commits)
set -euo pipefail
cd "$(dirname "$0")/.."
fsync="${1:-true}"
case "$fsync" in true|false) ;; *) echo "bench-embedded.sh: fsync must be true or false" >&2; exit 2 ;; esac
jar=$(ls "$PWD"/distribution/target/rustydb-embedded-*.jar 2>/dev/null | head -1)
[ -n "$jar" ] || { echo "bench-embedded.sh: no embedded jar: run mvn install -DskipTests first" >&2; exit 1; }
mvn -B -ntp -q -pl itests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp \
    -Dmdep.includeScope=test
cp="itests/target/test-classes:$(cat itests/target/bench.cp)"
echo "cold JVM, embedded jar on a plain class path:"
for i in 1 2 3; do
    java -cp "$jar:itests/target/test-classes" org.rustydb.itests.EmbeddedCommitter "jdbc:rustydb:mem:cold" 0 \
        2>/dev/null
done
java -Drustydb.embedded.jar="$jar" -cp "$cp" org.rustydb.itests.EmbeddedBenchmark "$fsync" 2>&1 | grep --line-buffered -v "^SLF4J"
