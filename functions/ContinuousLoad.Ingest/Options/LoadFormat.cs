namespace ContinuousLoad.Ingest.Options;

public enum LoadFormat
{
    Csv,
    CsvWithNames,
    CsvWithNamesAndTypes,
    Json,
}
