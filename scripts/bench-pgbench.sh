#!/usr/bin/env bash
# pgbench against RustyDB and PostgreSQL side by side in one run, both with fsync and synchronous
# commit on: pgbench -i -s SCALE (client-side generation through COPY), then the select-only
# workload (-S -M prepared -c 4 -j 2), then TPC-B (-c 8 -j 2) in simple and prepared mode, each
# for --time seconds. After each run the balances are checked: accounts, tellers and branches
# sum to the same total, and it moved by the sum of the deltas in the history (which pgbench
# empties before each run). Plain TCP for both (PostgreSQL's reference has no
# TLS). Before the measured runs each server gets --warmup seconds of select-only and of TPC-B,
# not measured (a long-running server's state: RustyDB's JIT has compiled the statement path, both
# servers' caches hold the data; 0 skips it). See docs/BENCHMARKS.md. Needs a built distribution
# (mvn install -DskipTests), pgbench and a PostgreSQL server.
# Usage: scripts/bench-pgbench.sh [--scale=10] [--time=30] [--warmup=10] [--pg-port=55432] [--pg-user=postgres]
set -euo pipefail
scale=10 seconds=30 warmup=10 pg_port=55432 pg_user=postgres
for arg in "$@"; do
    case "$arg" in
        --scale=?*) scale="${arg#*=}" ;;
        --time=?*) seconds="${arg#*=}" ;;
        --warmup=?*) warmup="${arg#*=}" ;;
        --pg-port=?*) pg_port="${arg#*=}" ;;
        --pg-user=?*) pg_user="${arg#*=}" ;;
        *) echo "bench-pgbench.sh: unknown option: $arg" >&2; exit 2 ;;
    esac
done
cd "$(dirname "$0")/.."
home=distribution/target/rustydb
[ -x "$home/bin/rustydb" ] || { echo "no distribution at $home: run mvn install -DskipTests first" >&2; exit 1; }
work=$(mktemp -d /tmp/rustydb-bench-pgbench.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export RUSTYDB_PASSWORD=bench PGSSLMODE=disable
JAVA_OPTS="-Drustydb.log.dir=$work/logs" "$home/bin/rustydb" --no-console --port "$port" --data "$work/data" \
    > "$work/server.out" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 120); do
    PGPASSWORD=bench psql -h 127.0.0.1 -p "$port" -U rustydb -X -q -c 'select 1' rustydb >/dev/null 2>&1 && break
    sleep 0.5
done
psql -h 127.0.0.1 -p "$pg_port" -U "$pg_user" -X -q -c 'DROP DATABASE IF EXISTS bench_pgbench' \
    -c 'CREATE DATABASE bench_pgbench' postgres >/dev/null

servers=("rustydb|$port|rustydb|rustydb|bench" "postgresql|$pg_port|$pg_user|bench_pgbench|")
total="SELECT sum(abalance) FROM pgbench_accounts"
balanced() { # before: true when the three totals agree and moved by the history's deltas
    echo "SELECT (SELECT sum(abalance) FROM pgbench_accounts) = (SELECT sum(tbalance) FROM pgbench_tellers)
      AND (SELECT sum(tbalance) FROM pgbench_tellers) = (SELECT sum(bbalance) FROM pgbench_branches)
      AND (SELECT sum(abalance) FROM pgbench_accounts) - $1 = (SELECT coalesce(sum(delta), 0) FROM pgbench_history)"
}

run() { # name port user db password -- pgbench arguments: prints "tps failed"
    local port=$2 user=$3 db=$4 password=$5
    shift 6
    PGPASSWORD=$password pgbench -h 127.0.0.1 -p "$port" -U "$user" "$@" "$db" 2>&1 |
        awk '/^tps = /{tps=$3} /failed transactions:/{failed=$5} END{printf "%s %s\n", tps, failed}'
}

printf "%-11s %-28s %10s %8s %s\n" server workload tps failed balanced
for entry in "${servers[@]}"; do
    IFS='|' read -r name port user db password <<< "$entry"
    started=$(date +%s.%N)
    PGPASSWORD=$password pgbench -i -q -s "$scale" -h 127.0.0.1 -p "$port" -U "$user" "$db" > "$work/init-$name.log" 2>&1 ||
        { echo "$name: pgbench -i failed:"; cat "$work/init-$name.log"; exit 1; }
    printf "%-11s %-28s %10.1f s\n" "$name" "init -s $scale" "$(echo "$(date +%s.%N) - $started" | bc)"
    if [ "$warmup" -gt 0 ]; then
        run "$name" "$port" "$user" "$db" "$password" -- -S -M prepared -c 4 -j 2 -T "$warmup" > /dev/null
        run "$name" "$port" "$user" "$db" "$password" -- -c 8 -j 2 -M prepared -T "$warmup" > /dev/null
    fi
    for workload in "select-only|-S -M prepared -c 4 -j 2" "tpc-b simple|-c 8 -j 2 -M simple" \
                    "tpc-b prepared|-c 8 -j 2 -M prepared"; do
        IFS='|' read -r label options <<< "$workload"
        before=$(PGPASSWORD=$password psql -h 127.0.0.1 -p "$port" -U "$user" -X -At -c "$total" "$db")
        # shellcheck disable=SC2086
        read -r tps failed < <(run "$name" "$port" "$user" "$db" "$password" -- $options -T "$seconds")
        check=$(PGPASSWORD=$password psql -h 127.0.0.1 -p "$port" -U "$user" -X -At -c "$(balanced "$before")" "$db")
        printf "%-11s %-28s %10s %8s %s\n" "$name" "$label ($options)" "$tps" "$failed" "$check"
    done
done
