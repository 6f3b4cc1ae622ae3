using System.IO.Compression;
using System.Text;
using ContinuousLoad.Ingest.Body;
using ContinuousLoad.Ingest.Options;
using ContinuousLoad.Testing;

namespace ContinuousLoad.Tests.Ingest;

public sealed class DecompressingStreamTests
{
    private static readonly byte[] Text = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 20_000).Select(i => $"{i},row {i}\n")));

    private static byte[] Compress(CompressType type, byte[] data)
    {
        using var buffer = new MemoryStream();
        using (Stream stream = type == CompressType.Gzip
                   ? new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true)
                   : new ZLibStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            stream.Write(data);
        }

        return buffer.ToArray();
    }

    private static async Task<byte[]> ReadAll(byte[] body, CompressType type, int chunk = 4096)
    {
        await using var stream = DecompressingStream.Open(new TrickleStream(body, chunk), type);
        using var output = new MemoryStream();
        await stream.CopyToAsync(output, TestContext.Current.CancellationToken);
        return output.ToArray();
    }

    [Theory]
    [InlineData(CompressType.Gzip, 1)]
    [InlineData(CompressType.Gzip, 4096)]
    [InlineData(CompressType.Deflate, 3)]
    [InlineData(CompressType.Deflate, 65536)]
    public async Task Gives_back_the_original_bytes(CompressType type, int chunk) =>
        Assert.Equal(Text, await ReadAll(Compress(type, Text), type, chunk));

    [Theory]
    [InlineData(CompressType.Gzip, 1)]
    [InlineData(CompressType.Gzip, 4)]
    [InlineData(CompressType.Gzip, 9)]
    [InlineData(CompressType.Gzip, 5000)]
    [InlineData(CompressType.Deflate, 1)]
    [InlineData(CompressType.Deflate, 4)]
    [InlineData(CompressType.Deflate, 5000)]
    public async Task A_body_cut_short_fails_instead_of_ending_early(CompressType type, int cut)
    {
        var body = Compress(type, Text);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => ReadAll(body[..^cut], type));

        Assert.Contains("truncated or corrupt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_flipped_byte_in_the_data_fails()
    {
        var body = Compress(CompressType.Gzip, Text);
        body[body.Length / 2] ^= 0x10;

        await Assert.ThrowsAsync<InvalidDataException>(() => ReadAll(body, CompressType.Gzip));
    }

    [Theory]
    [InlineData(CompressType.Gzip)]
    [InlineData(CompressType.Deflate)]
    public async Task Plain_text_is_not_taken_for_compressed_data(CompressType type) =>
        await Assert.ThrowsAsync<InvalidDataException>(() => ReadAll("1,a\n2,b\n"u8.ToArray(), type));

    [Fact]
    public async Task Concatenated_gz_members_are_refused_clearly()
    {
        byte[] body = [.. Compress(CompressType.Gzip, "1,a\n"u8.ToArray()), .. Compress(CompressType.Gzip, "2,b\n"u8.ToArray())];

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => ReadAll(body, CompressType.Gzip));

        Assert.Contains("concatenated gz members", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Checksums_match_the_published_check_values()
    {
        var check = "123456789"u8;

        Assert.Equal(0xCBF43926u, Checksums.Crc32(0, check));
        Assert.Equal(0x091E01DEu, Checksums.Adler32(1, check));
        Assert.Equal(Checksums.Crc32(0, check), Checksums.Crc32(Checksums.Crc32(0, check[..4]), check[4..]));
    }
}
