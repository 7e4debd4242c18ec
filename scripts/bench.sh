#!/usr/bin/env bash
# The JDBC bench tool (TPC-B, YCSB-style A/B/C, the analytic queries) against any JDBC targets,
# compared in one run: builds the bench jar if needed and puts it on a class path with pgjdbc and
# H2 from the local Maven repository (the jar carries HdrHistogram inside), then runs
# org.rustydb.bench.internal.Main with the arguments given. See README.md and docs/ARCHITECTURE.md.
# Example: scripts/bench.sh --url rustydb=jdbc:postgresql://127.0.0.1:5432/rustydb --user rustydb \
#              --password secret --workload tpcb,ycsb-a --duration 30 --csv out.csv --svg out.svg
# (--url NAME=jdbc:... names a target; user and password can also go into each URL.)
# Environment: MAVEN_REPO (default ~/.m2/repository), MVN_ARGS (extra arguments to mvn, e.g. -o),
# BENCH_CLASSPATH (more JDBC drivers, e.g. an embedded driver's jars, found through DriverManager).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=${MAVEN_REPO:-$HOME/.m2/repository}
version=$(sed -n 's:.*<version>\(.*-SNAPSHOT\)</version>.*:\1:p' pom.xml | head -1)
pgjdbc_version=$(sed -n 's:.*<pgjdbc.version>\(.*\)</pgjdbc.version>.*:\1:p' pom.xml)
h2_version=$(sed -n '/<artifactId>h2<\/artifactId>/{n;s:.*<version>\(.*\)</version>.*:\1:p}' bundles/bench/pom.xml)
jar=bundles/bench/target/org.rustydb.bench-$version.jar
if [ ! -f "$jar" ] || [ -n "$(find bundles/bench/src bundles/bench/pom.xml -newer "$jar" -type f | head -1)" ]; then
    # shellcheck disable=SC2086
    mvn -B -ntp -q ${MVN_ARGS:-} -Dmaven.repo.local="$repo" -pl bundles/bench -am install -DskipTests >&2
fi
cp="$jar"
for dep in "org/postgresql/postgresql/$pgjdbc_version/postgresql-$pgjdbc_version.jar" \
           "com/h2database/h2/$h2_version/h2-$h2_version.jar"; do
    if [ ! -f "$repo/$dep" ]; then
        # shellcheck disable=SC2086
        mvn -B -ntp -q ${MVN_ARGS:-} -Dmaven.repo.local="$repo" dependency:get \
            -Dartifact="$(echo "$dep" | awk -F/ '{v=$(NF-1); a=$(NF-2); g=""; for (i=1;i<=NF-3;i++) g=g (i>1?".":"") $i; print g":"a":"v}')" >&2
    fi
    cp="$cp:$repo/$dep"
done
cp="$cp${BENCH_CLASSPATH:+:$BENCH_CLASSPATH}"
exec java ${JAVA_OPTS:-} -cp "$cp" org.rustydb.bench.internal.Main "$@"
