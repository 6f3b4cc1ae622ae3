using System.IO.Compression;
using System.Text;

namespace ContinuousLoad.IntegrationTests.StreamLoad;

public static partial class LoadCases
{
    private static IEnumerable<LoadCase> Compression =>
    [
        new("gz_body", KeyValue, "", "column_separator: ,", "compress_type: gz") { Bytes = () => Gzip("1,a\n2,b\n"), Rows = ["1|a", "2|b"] },
        new("gz_body_case_insensitive_type", KeyValue, "", "column_separator: ,", "compress_type: GZ") { Bytes = () => Gzip("1,a\n"), Rows = ["1|a"] },
        new("deflate_body", KeyValue, "", "column_separator: ,", "compress_type: deflate") { Bytes = () => Zlib("1,a\n2,b\n"), Rows = ["1|a", "2|b"] },
        new("gz_truncated_commits_nothing", KeyValue, "", "column_separator: ,", "compress_type: gz")
        {
            Bytes = () => Gzip(Lines(20_000))[..^40], Status = "Fail", Message = "[DATA_QUALITY_ERROR]the gz body is truncated or corrupt", Rows = [],
        },
        new("deflate_truncated_commits_nothing", KeyValue, "", "column_separator: ,", "compress_type: deflate")
        {
            Bytes = () => Zlib(Lines(20_000))[..^3], Status = "Fail", Message = "[DATA_QUALITY_ERROR]the deflate body is truncated or corrupt", Rows = [],
        },
        new("gz_type_on_plain_text", KeyValue, "1,a\n", "column_separator: ,", "compress_type: gz")
        {
            Status = "Fail", Message = "[DATA_QUALITY_ERROR]the body is not valid gz data", Rows = [],
        },
        new("compress_type_not_supported", KeyValue, "1,a\n", "compress_type: bz2")
        {
            Status = "Fail", Message = "[INTERNAL_ERROR]compress_type bz2 is not supported", Rows = [],
        },
        new("compress_type_unknown", KeyValue, "1,a\n", "compress_type: zip") { Status = "Fail", Message = "[INTERNAL_ERROR]unknown compress_type", Rows = [] },
    ];

    /// <summary><paramref name="count"/> rows of <c>k,v</c> text.</summary>
    private static string Lines(int count) => string.Concat(Enumerable.Range(1, count).Select(i => $"{i},value{i}\n"));

    private static byte[] Gzip(string text) => Compress(text, stream => new GZipStream(stream, CompressionLevel.Fastest, leaveOpen: true));

    private static byte[] Zlib(string text) => Compress(text, stream => new ZLibStream(stream, CompressionLevel.Fastest, leaveOpen: true));

    private static byte[] Compress(string text, Func<Stream, Stream> compressor)
    {
        using var buffer = new MemoryStream();
        using (var stream = compressor(buffer))
        {
            stream.Write(Encoding.UTF8.GetBytes(text));
        }

        return buffer.ToArray();
    }
}
