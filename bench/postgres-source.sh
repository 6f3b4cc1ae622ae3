#!/usr/bin/env bash
# PostgreSQL source: (1) change decoding — CHANGES (default 1 million) inserts, updates and deletes read
# from a pgoutput slot by our stream (every value decoded) against pg_recvlogical consuming a second slot
# created at the same point to /dev/null (--endpos, proto_version 1, the same publication); (2) snapshot —
# a ROWS-row table (default 5 million) read through an exported snapshot in keyset chunks against
# psql \copy (SELECT ...) TO '/dev/null'. Same server, same run. Npgsql's own loops with nothing decoded
# (pg-stream-raw on a third slot, pg-copy-raw of the whole table) are timed too: the floor under ours.
# The machine is shared, so each contender runs twice, alternating, and its faster run counts.
# Results: bench/out/postgres-source.md.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
changes=${CHANGES:-1000000}
chunk=${CHUNK:-100000}
readers=${READERS:-2}

publish_bench
use_postgres
host=$(conn_value "$CLTEST_POSTGRES" host); port=$(conn_value "$CLTEST_POSTGRES" port); user=$(conn_value "$CLTEST_POSTGRES" username)
psql_q() { "${psql_cmd[@]}" -At "$@"; }
cleanup_slots() {
  psql_q -c "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name LIKE 'bench\_%'" >/dev/null
  psql_q -c "DROP PUBLICATION IF EXISTS bench_pub" -c "DROP TABLE IF EXISTS bench_changes, bench_snapshot" >/dev/null
}
cleanup_slots
at_exit+=("cleanup_slots")

# (1) Changes: a table of mixed types; both slots exist before the first change.
psql_q -c "CREATE TABLE bench_changes (id bigint PRIMARY KEY, qty int, amount numeric(12,2), name text, at timestamptz, tags text[])" \
  -c "CREATE PUBLICATION bench_pub FOR TABLE bench_changes" \
  -c "SELECT pg_create_logical_replication_slot(s, 'pgoutput') FROM unnest(ARRAY['bench_ours1', 'bench_ours2', 'bench_recvlogical1', 'bench_recvlogical2', 'bench_raw']) s" >/dev/null
inserts=$((changes * 6 / 10)); updates=$((changes * 3 / 10)); deletes=$((changes - inserts - updates))
batch=10000
for ((start = 0; start < inserts; start += batch)); do
  echo "INSERT INTO bench_changes SELECT g, g % 1000, (g % 100000) / 100.0, 'name ' || g, timestamptz '2024-01-01' + g * interval '1 second', ARRAY['a', g::text] FROM generate_series($start, $((start + batch - 1))) g;"
done | psql_q >/dev/null
for ((start = 0; start < updates; start += batch)); do
  echo "UPDATE bench_changes SET qty = qty + 1, name = name || '!' WHERE id >= $start AND id < $((start + batch));"
done | psql_q >/dev/null
for ((start = 0; start < deletes; start += batch)); do
  echo "DELETE FROM bench_changes WHERE id >= $((inserts - start - batch)) AND id < $((inserts - start));"
done | psql_q >/dev/null
end=$(psql_q -c "SELECT pg_current_wal_lsn()")
log "$changes changes written (to $end)"

# faster A B: the smaller of two "seconds kb" pairs (by seconds).
faster() { if [ "$(echo "$1 <= $3" | bc)" -eq 1 ]; then echo "$1 $2"; else echo "$3 $4"; fi; }
recvlogical() {
  measure pg_recvlogical -h "$host" -p "$port" -U "$user" -d postgres --slot="$1" --start --no-loop \
    -o proto_version=1 -o publication_names=bench_pub --endpos="$end" -f /dev/null
}
ours_stream() { measure "${bench[@]}" pg-stream "$CLTEST_POSTGRES" public.bench_changes "$1" bench_pub "$end"; }
# counted EXPECTED: the count our last run printed must be EXPECTED.
counted() { [ "$(awk '{print $2}' "$work/out")" -eq "$1" ] || die "our run printed '$(cat "$work/out")', expected $1"; }
read -r ref1 ref1_kb < <(recvlogical bench_recvlogical1)
read -r ours1 ours1_kb < <(ours_stream bench_ours1); counted "$changes"
read -r ref2 ref2_kb < <(recvlogical bench_recvlogical2)
read -r ours2 ours2_kb < <(ours_stream bench_ours2); counted "$changes"
read -r ref_s ref_kb < <(faster "$ref1" "$ref1_kb" "$ref2" "$ref2_kb")
read -r ours_s ours_kb < <(faster "$ours1" "$ours1_kb" "$ours2" "$ours2_kb")
log "change stream runs: pg_recvlogical $ref1 s, $ref2 s; ours $ours1 s, $ours2 s"
read -r raw_s _ < <(measure "${bench[@]}" pg-stream-raw "$CLTEST_POSTGRES;Replication Mode=Logical" bench_raw bench_pub "$end")
stream_line="| Change stream | $changes changes | $ref_s s | $ours_s s | $(echo "scale=0; $changes / $ours_s" | bc) | $(echo "scale=2; $ref_s / $ours_s" | bc)× | $raw_s s | $((ref_kb / 1024)) MB | $((ours_kb / 1024)) MB |"
log "$stream_line"
psql_q -c "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name LIKE 'bench\_%'" -c "DROP TABLE bench_changes" >/dev/null

# (2) Snapshot: the same column types, ROWS rows.
psql_q -c "CREATE TABLE bench_snapshot (id bigint PRIMARY KEY, qty int, amount numeric(12,2), name text, at timestamptz, tags text[])" \
  -c "INSERT INTO bench_snapshot SELECT g, g % 1000, (g % 100000) / 100.0, 'name ' || g, timestamptz '2024-01-01' + g * interval '1 second', ARRAY['a', g::text] FROM generate_series(1, $rows) g" \
  -c "VACUUM ANALYZE bench_snapshot" >/dev/null
log "$rows snapshot rows written"
psql_copy() { measure "${psql_cmd[@]}" -c "\\copy (SELECT * FROM bench_snapshot) TO '/dev/null'"; }
ours_snapshot() { measure "${bench[@]}" pg-snapshot "$CLTEST_POSTGRES" public.bench_snapshot "$chunk" "$readers"; }
read -r pref1 pref1_kb < <(psql_copy)
read -r pours1 pours1_kb < <(ours_snapshot); counted "$rows"
read -r pref2 pref2_kb < <(psql_copy)
read -r pours2 pours2_kb < <(ours_snapshot); counted "$rows"
read -r pref_s pref_kb < <(faster "$pref1" "$pref1_kb" "$pref2" "$pref2_kb")
read -r pours_s pours_kb < <(faster "$pours1" "$pours1_kb" "$pours2" "$pours2_kb")
log "snapshot runs: psql $pref1 s, $pref2 s; ours $pours1 s, $pours2 s"
read -r praw_s _ < <(measure "${bench[@]}" pg-copy-raw "$CLTEST_POSTGRES" "COPY (SELECT * FROM bench_snapshot) TO STDOUT (FORMAT binary)")
snapshot_line="| Snapshot ($readers readers, chunks of $chunk) | $rows rows | $pref_s s | $pours_s s | $(echo "scale=0; $rows / $pours_s" | bc) | $(echo "scale=2; $pref_s / $pours_s" | bc)× | $praw_s s | $((pref_kb / 1024)) MB | $((pours_kb / 1024)) MB |"
log "$snapshot_line"

mkdir -p "$root/bench/out"
{
  echo "| Read | Volume | Reference | ContinuousLoad | Per second | Ratio (reference ÷ ours) | Npgsql alone, nothing decoded | Reference peak RSS | Our peak RSS |"
  echo "|---|---|---|---|---|---|---|---|---|"
  echo "$stream_line"
  echo "$snapshot_line"
} | tee "$root/bench/out/postgres-source.md"
