#!/usr/bin/env bash
# SQL engine benchmark, RustyDB and PostgreSQL side by side in one run over psql (both with fsync
# on, default settings): GROUP BY over N rows, a 100k x 10k equi-join without and with an index,
# a top-N sort and a window query. Each query runs once cold (reported too), then --warmup more
# times unmeasured (default 5: a fresh JVM compiles a query's code over its first runs), then 3
# times: the best of those counts. See docs/BENCHMARKS.md. Needs a built distribution
# (mvn install -DskipTests) and a PostgreSQL server.
# Usage: scripts/bench-sql.sh [--rows=1000000] [--pg-port=55432] [--pg-user=postgres] [--warmup=5]
set -euo pipefail
rows=1000000 pg_port=55432 pg_user=postgres warmup=5
for arg in "$@"; do
    case "$arg" in
        --rows=?*) rows="${arg#*=}" ;;
        --pg-port=?*) pg_port="${arg#*=}" ;;
        --pg-user=?*) pg_user="${arg#*=}" ;;
        --warmup=?*) warmup="${arg#*=}" ;;
        *) echo "bench-sql.sh: unknown option: $arg" >&2; exit 2 ;;
    esac
done
cd "$(dirname "$0")/.."
home=distribution/target/rustydb
[ -x "$home/bin/rustydb" ] || { echo "no distribution at $home: run mvn install -DskipTests first" >&2; exit 1; }
work=$(mktemp -d /tmp/rustydb-bench-sql.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# the superuser's password at first start; PostgreSQL's reference trusts local clients and ignores
# it; plain TCP for both, as the reference has no TLS
export RUSTYDB_PASSWORD=bench PGPASSWORD=bench PGSSLMODE=disable
JAVA_OPTS="-Drustydb.log.dir=$work/logs" "$home/bin/rustydb" --no-console --port "$port" --data "$work/data" \
    > "$work/server.out" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 120); do
    psql -h 127.0.0.1 -p "$port" -U rustydb -X -q -c 'select 1' rustydb >/dev/null 2>&1 && break
    sleep 0.5
done
psql -h 127.0.0.1 -p "$pg_port" -U "$pg_user" -X -q -c 'DROP DATABASE IF EXISTS bench_sql' \
    -c 'CREATE DATABASE bench_sql' postgres >/dev/null

setup="
DROP TABLE IF EXISTS big; DROP TABLE IF EXISTS a; DROP TABLE IF EXISTS b; DROP TABLE IF EXISTS bi;
CREATE TABLE big(id integer, k integer, v integer, pad text);
INSERT INTO big SELECT i, i % 100, ((i::bigint * 7919) % 1000003)::integer, 'row ' || i FROM generate_series(1, $rows) AS s(i);
CREATE TABLE a(id integer, bk integer, v integer);
INSERT INTO a SELECT i, (i * 31) % 10000 + 1, i % 1000 FROM generate_series(1, 100000) AS s(i);
CREATE TABLE b(id integer, w integer);
INSERT INTO b SELECT i, i % 77 FROM generate_series(1, 10000) AS s(i);
CREATE TABLE bi(id integer PRIMARY KEY, w integer);
INSERT INTO bi SELECT i, i % 77 FROM generate_series(1, 10000) AS s(i);"

queries=(
  "group_by|SELECT k, count(*), sum(v), avg(v) FROM big GROUP BY k"
  "join_no_index|SELECT count(*), sum(a.v + b.w) FROM a JOIN b ON a.bk = b.id"
  "join_index|SELECT count(*), sum(a.v + bi.w) FROM a JOIN bi ON a.bk = bi.id"
  "top_n|SELECT id, v FROM big ORDER BY v DESC, id LIMIT 10"
  "window|SELECT count(*), max(r) FROM (SELECT rank() OVER (PARTITION BY k ORDER BY v) AS r FROM big) AS w"
)

# "first best" in ms of one query on one server: its first run (cold: a fresh server's JIT has not
# compiled the query's code yet), then the best of three after $warmup more unmeasured runs
best() {
    local host_port=$1 user=$2 db=$3 sql=$4
    { echo '\timing on'; for _ in $(seq 1 $((warmup + 4))); do echo "$sql;"; done; } |
        psql -h 127.0.0.1 -p "$host_port" -U "$user" -X -q -o /dev/null "$db" 2>&1 |
        awk -v measured_from=$((warmup + 2)) '
             /^Time:/ { n++; t = $2 + 0; if (n == 1) first = t; if (n >= measured_from && (best == "" || t < best)) best = t }
             /ERROR/ { print "ERROR"; exit }
             END { if (best != "") printf "%.1f %.1f\n", first, best }'
}

load_time() {
    local host_port=$1 user=$2 db=$3
    local start end
    start=$(date +%s.%N)
    { echo "$setup"; echo "ANALYZE;"; } | psql -h 127.0.0.1 -p "$host_port" -U "$user" -X -q -v ON_ERROR_STOP=1 "$db" >/dev/null 2>&1 \
        || echo "load failed on port $host_port" >&2
    end=$(date +%s.%N)
    python3 -c "print(round($end - $start, 1))"
}

echo "loading ($rows rows in big) ..."
echo "load seconds: RustyDB $(load_time "$port" rustydb rustydb), PostgreSQL $(load_time "$pg_port" "$pg_user" bench_sql)"
printf '%-16s %14s %14s %10s %16s %16s\n' query "RustyDB ms" "PostgreSQL ms" "ratio" "RustyDB 1st ms" "PostgreSQL 1st ms"
for q in "${queries[@]}"; do
    name=${q%%|*}
    sql=${q#*|}
    read -r r_first r <<< "$(best "$port" rustydb rustydb "$sql")"
    read -r p_first p <<< "$(best "$pg_port" "$pg_user" bench_sql "$sql")"
    ratio=$(python3 -c "print('%.2f' % ($r / $p) if '$r' not in ('', 'ERROR') and '$p' not in ('', 'ERROR') and float('$p') > 0 else '-')")
    printf '%-16s %14s %14s %10s %16s %16s\n' "$name" "$r" "$p" "$ratio" "$r_first" "$p_first"
done
