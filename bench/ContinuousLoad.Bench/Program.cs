using ContinuousLoad.Bench;

return args switch
{
    ["generate-rows", var path, var count] => RowsFile.Generate(path, long.Parse(count, System.Globalization.CultureInfo.InvariantCulture)),
    ["tables-write", var store, var target, var file] => await TablesWrite.RunAsync(store, target, file),
    ["generate-load-rows", var csv, var json, var count] => LoadRowsFile.Generate(csv, json, long.Parse(count, System.Globalization.CultureInfo.InvariantCulture)),
    ["csv-split", var file] => await CsvSplit.RunAsync(file),
    ["durable-roundtrips", var store, var target, var instances, var activities] =>
        await DurableBench.RoundTripsAsync(store, target, int.Parse(instances, System.Globalization.CultureInfo.InvariantCulture), int.Parse(activities, System.Globalization.CultureInfo.InvariantCulture)),
    ["durable-idle", var store, var target, var instances, var seconds] =>
        await DurableBench.IdleAsync(store, target, int.Parse(instances, System.Globalization.CultureInfo.InvariantCulture), int.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture)),
    ["durable-drop-hub", var connection] => await DurableBench.DropHubAsync(connection),
    ["mysql-binlog", var connection, var file, var position, var endFile, var endPosition, .. var passes] =>
        await MySqlBinlogBench.RunAsync(connection, file, position, endFile, endPosition, passes is [var count] ? int.Parse(count, System.Globalization.CultureInfo.InvariantCulture) : 1),
    ["mysql-snapshot", var connection, var table, var chunk] =>
        await MySqlSnapshotBench.RunAsync(connection, table, int.Parse(chunk, System.Globalization.CultureInfo.InvariantCulture)),
    ["pg-stream", var conn, var table, var slot, var publication, var endLsn] => await PostgresSourceBench.StreamAsync(conn, table, slot, publication, endLsn),
    ["pg-stream-raw", var conn, var slot, var publication, var endLsn] => await PostgresRawStream.RunAsync(conn, slot, publication, endLsn),
    ["pg-copy-raw", var conn, var sql] => await PostgresRawStream.CopyAsync(conn, sql),
    ["pg-snapshot", var conn, var table, var chunk, var degree] =>
        await PostgresSourceBench.SnapshotAsync(conn, table, int.Parse(chunk, System.Globalization.CultureInfo.InvariantCulture), int.Parse(degree, System.Globalization.CultureInfo.InvariantCulture)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage:
          generate-rows <file.csv> <count>                 deterministic mixed-type rows for the table benchmarks
          tables-write sqlite|postgres <dir|conn> <file>  write the rows into a UNIQUE KEY table through the store interface
          generate-load-rows <file.csv> <file.jsonl> <count>  the Stream Load benchmark's rows, as CSV and as JSON lines
          csv-split <file.csv>                             CSV field splitting alone, over the file in memory
          durable-roundtrips sqlite|azurestorage <file|conn> <instances> <activities>  activity round trips per second
          durable-idle sqlite|azurestorage <file|conn> <instances> <seconds>           idle cost of eternal orchestrations
          durable-drop-hub <conn>                          remove the durable benchmark's Azure Storage task hub
          mysql-binlog <conn> <file> <pos> <end file> <end pos> [passes]  stream the binlog over replication, every row decoded, up to the end position
          mysql-snapshot <conn> <db.table> <chunk rows>    read a table through a consistent snapshot in key chunks, every value decoded
          pg-stream <conn> <table> <slot> <publication> <end-lsn>  decode a pgoutput slot's changes up to end-lsn
          pg-snapshot <conn> <table> <chunk-rows> <readers>        read a table through an exported snapshot in keyset chunks
          pg-stream-raw <replication conn> <slot> <publication> <end-lsn>  Npgsql's replication loop alone, nothing decoded
          pg-copy-raw <conn> <copy-to-stdout-binary>               Npgsql's raw COPY alone, nothing decoded
        """);
    return 2;
}
