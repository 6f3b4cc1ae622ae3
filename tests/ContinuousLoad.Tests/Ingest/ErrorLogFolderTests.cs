using ContinuousLoad.Ingest.ErrorLogs;
using ContinuousLoad.Testing;

namespace ContinuousLoad.Tests.Ingest;

public sealed class ErrorLogFolderTests
{
    [Fact]
    public async Task Writes_Doris_lines_only_once_a_row_is_bad_and_stops_after_fifty()
    {
        using var directory = new TemporaryDirectory();
        var folder = new ErrorLogFolder(directory.Combine("error_log"));
        var quiet = folder.Create(1);
        await quiet.DisposeAsync();
        Assert.False(Directory.Exists(folder.Directory));

        var log = folder.Create(2);
        await using (log)
        {
            for (var i = 0; i < 70; i++)
            {
                log.Add($"bad {i}", "raw"u8);
            }
        }

        using var reader = new StreamReader(folder.Open(log.Name)!);
        var lines = (await reader.ReadToEndAsync(TestContext.Current.CancellationToken)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(51, lines.Length);
        Assert.Equal("Reason: bad 0. src line [raw]; ", lines[0]);
        Assert.Equal("TOO MUCH ERROR! already reach 50. show no more next error.", lines[^1]);
        Assert.Equal("bad 0", log.FirstError);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("../secret")]
    [InlineData("error_log_1_../../etc/passwd")]
    [InlineData("/etc/passwd")]
    [InlineData("error_log_1_0123456789abcdef0123456789ABCDEF")]
    [InlineData("error_log_1_0123456789abcdef0123456789abcdef")]
    public void Opens_nothing_but_existing_generated_names(string? name)
    {
        using var directory = new TemporaryDirectory();
        File.WriteAllText(directory.Combine("secret"), "x");

        Assert.Null(new ErrorLogFolder(directory.Combine("error_log")).Open(name));
    }
}
