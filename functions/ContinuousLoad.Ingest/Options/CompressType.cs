namespace ContinuousLoad.Ingest.Options;

public enum CompressType
{
    None,
    Gzip,
    Deflate,
}
