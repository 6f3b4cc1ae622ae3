using System.Text;

namespace ContinuousLoad.Ingest.ErrorLogs;

/// <summary>
/// The rows a load filtered, one line each in Doris's format (<c>Reason: ... . src line [...]; </c>),
/// at most 50 in detail; written to a file only once the first bad row arrives.
/// </summary>
public sealed class ErrorLog(string name, Func<Stream> open) : IAsyncDisposable
{
    public const int MaxDetailed = 50;
    private StreamWriter? _writer;
    private int _count;

    /// <summary>The log's name (what <c>ErrorURL</c>'s <c>file</c> parameter carries).</summary>
    public string Name { get; } = name;

    public bool HasErrors => _count > 0;

    /// <summary>The first row's reason, for <c>FirstErrorMsg</c>.</summary>
    public string? FirstError { get; private set; }

    public void Add(string reason, ReadOnlySpan<byte> row)
    {
        FirstError ??= reason;
        _count++;
        if (_count > MaxDetailed + 1)
        {
            return;
        }

        _writer ??= new StreamWriter(open(), new UTF8Encoding(false));
        var line = _count <= MaxDetailed
            ? $"Reason: {reason}. src line [{Encoding.UTF8.GetString(row)}]; "
            : $"TOO MUCH ERROR! already reach {MaxDetailed}. show no more next error.";
        _writer.WriteLine(line);
    }

    public async ValueTask DisposeAsync()
    {
        if (_writer is not null)
        {
            await _writer.DisposeAsync();
        }
    }
}
