using ContinuousLoad.Bench;

return args switch
{
    ["generate-rows", var path, var count] => RowsFile.Generate(path, long.Parse(count, System.Globalization.CultureInfo.InvariantCulture)),
    ["tables-write", var store, var target, var file] => await TablesWrite.RunAsync(store, target, file),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage:
          generate-rows <file.csv> <count>                 deterministic mixed-type rows for the table benchmarks
          tables-write sqlite|postgres <dir|conn> <file>  write the rows into a UNIQUE KEY table through the store interface
        """);
    return 2;
}
