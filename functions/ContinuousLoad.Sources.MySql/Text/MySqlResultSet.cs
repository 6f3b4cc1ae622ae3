using ContinuousLoad.MySql.Wire;
using ContinuousLoad.Sources.MySql.Protocol;
using ContinuousLoad.Sources.MySql.Protocol.Payloads;
using ContinuousLoad.Sources.MySql.Values;

namespace ContinuousLoad.Sources.MySql.Text;

/// <summary>
/// A text-protocol result set read as it arrives (MySQL Client/Server Protocol, "Text Resultset"):
/// column count, column definitions, EOF (unless CLIENT_DEPRECATE_EOF), rows, then EOF or an OK with
/// header 0xFE. Only the current row is held: its payload stays in the connection's read buffer and
/// field boundaries are indexed once, so values are decoded on demand straight from the bytes.
/// Disposing reads any remaining rows so the session can run its next command.
/// </summary>
public sealed class MySqlResultSet : IAsyncDisposable
{
    private readonly MySqlSession _session;
    private readonly ColumnDefinitionPayload[] _columns;
    private readonly MySqlValueKind[] _kinds;
    private readonly int[] _starts;
    private readonly int[] _lengths;
    private ReadOnlyMemory<byte> _row;
    private bool _done;

    private MySqlResultSet(MySqlSession session, ColumnDefinitionPayload[] columns, OkPayload? completion)
    {
        _session = session;
        _columns = columns;
        _kinds = Array.ConvertAll(columns, column => column.ValueKind);
        _starts = new int[columns.Length];
        _lengths = new int[columns.Length];
        if (completion is { } ok)
        {
            Completion = ok;
            _done = true;
            session.EndCommand();
        }
    }

    public IReadOnlyList<ColumnDefinitionPayload> Columns => _columns;

    /// <summary>The OK that ended the statement (affected rows, status), once all rows are read.</summary>
    public OkPayload Completion { get; private set; }

    /// <summary>The rows read so far.</summary>
    public long RowCount { get; private set; }

    internal static async Task<MySqlResultSet> ReadHeaderAsync(MySqlSession session, CancellationToken cancellationToken)
    {
        var first = await session.ReadPacketAsync(cancellationToken);
        var firstSpan = first.Span;
        if (firstSpan.IsEmpty)
        {
            throw new MySqlProtocolException("Expected a query response, got an empty payload.");
        }

        switch (firstSpan[0])
        {
            case 0x00:
                return new MySqlResultSet(session, [], OkPayload.Create(firstSpan));
            case 0xFF:
                var error = ErrorPayload.Create(firstSpan);
                session.EndCommand();
                throw error.ToException();
            case 0xFB:
                session.MarkBroken();
                throw new NotSupportedException("The statement asked for LOAD DATA LOCAL INFILE, which this client does not serve.");
        }

        var count = new PayloadReader(firstSpan).ReadLengthEncodedInteger();
        if (count is 0 or > 4096)
        {
            throw new MySqlProtocolException($"Expected a column count of 1..4096, got {count}.");
        }

        var columns = new ColumnDefinitionPayload[(int)count];
        for (var i = 0; i < columns.Length; i++)
        {
            columns[i] = ColumnDefinitionPayload.Create((await session.ReadPacketAsync(cancellationToken)).Span);
        }

        if (!session.DeprecateEof)
        {
            EofPayload.Create((await session.ReadPacketAsync(cancellationToken)).Span);
        }

        return new MySqlResultSet(session, columns, null);
    }

    /// <summary>Moves to the next row; false after the last. A server error mid-result throws <see cref="MySqlServerException"/>.</summary>
    public ValueTask<bool> ReadAsync(CancellationToken cancellationToken)
    {
        if (_done)
        {
            return new ValueTask<bool>(false);
        }

        var read = _session.ReadPacketAsync(cancellationToken);
        return read.IsCompletedSuccessfully ? new ValueTask<bool>(Accept(read.Result)) : AwaitRowAsync(read);
    }

    /// <summary>The current row: field spans and decoders over the connection buffer, valid until the next read.</summary>
    public TextRow Row => new(_row.Span, _starts, _lengths, _columns, _kinds);

    public bool IsNull(int ordinal) => _lengths[ordinal] < 0;

    /// <summary>The value in its .NET representation (<see cref="MySqlValues"/>); null for SQL NULL.</summary>
    public object? GetValue(int ordinal) => Row.GetValue(ordinal);

    public async ValueTask DisposeAsync()
    {
        // After a lost connection or broken packet there is nothing left to drain: keep the first error.
        while (!_session.IsBroken && await ReadAsync(CancellationToken.None))
        {
        }
    }

    private async ValueTask<bool> AwaitRowAsync(ValueTask<ReadOnlyMemory<byte>> read) => Accept(await read);

    private bool Accept(ReadOnlyMemory<byte> payload)
    {
        var span = payload.Span;
        if (span.Length > 0 && span[0] >= 0xFE)
        {
            if (span[0] == 0xFF)
            {
                Finish();
                throw ErrorPayload.Create(span).ToException();
            }

            if (_session.DeprecateEof ? OkPayload.IsEndOfRows(span) : EofPayload.IsEof(span))
            {
                Completion = _session.DeprecateEof ? OkPayload.Create(span) : ToOk(EofPayload.Create(span));
                Finish();
                if (Completion.Status.HasFlag(ServerStatusFlags.MoreResultsExist))
                {
                    _session.MarkBroken();
                    throw new NotSupportedException("The statement returned more than one result set, which this client does not read; run one statement per query.");
                }

                return false;
            }
        }

        try
        {
            TextRow.Index(span, _starts, _lengths);
        }
        catch (MySqlProtocolException)
        {
            _session.MarkBroken();
            throw;
        }

        _row = payload;
        RowCount++;
        return true;
    }

    private void Finish()
    {
        _done = true;
        _row = default;
        _session.EndCommand();
    }

    private static OkPayload ToOk(EofPayload eof) => new(0, 0, eof.Status, eof.WarningCount);
}
