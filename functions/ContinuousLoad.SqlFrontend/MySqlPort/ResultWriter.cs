using System.Text;
using ContinuousLoad.MySql.Wire;
using ContinuousLoad.Sql.Types;
using ContinuousLoad.Sql.Values;
using ContinuousLoad.Tables.Queries;
using ContinuousLoad.Tables.Statements;

namespace ContinuousLoad.SqlFrontend.MySqlPort;

/// <summary>
/// Writes a command's answer on the packet channel: an OK, an ERR, or a text result set (column count, one
/// ColumnDefinition41 per column, EOF, the rows as length-encoded text with 0xFB for NULL, EOF). Rows are streamed as
/// the query yields them, into the connection's buffer, which goes out whenever it fills: memory does not grow with
/// the row count, and a client that stops reading holds up only its own connection (until the write timeout).
/// </summary>
internal sealed class ResultWriter(PacketChannel channel) : IDisposable
{
    private const ServerStatusFlags Status = ServerStatusFlags.AutoCommit;
    private readonly PayloadWriter _payload = new(4096);

    /// <summary>Protocol::OK_Packet; a load's label, state and transaction go in its info text, as Doris writes them.</summary>
    public ValueTask WriteOkAsync(ExecResult? exec, CancellationToken cancellationToken)
    {
        _payload.Clear().Write(0x00).WriteLengthEncodedInteger((ulong)Math.Max(0, exec?.AffectedRows ?? 0)).WriteLengthEncodedInteger(0)
            .WriteUInt16((ushort)Status).WriteUInt16(0);
        if (exec?.Label is { } label)
        {
            // Length-encoded, as Doris and MariaDB write the info (the mariadb client reads it so).
            _payload.WriteLengthEncodedBytes(Encoding.UTF8.GetBytes($"{{'label':'{label}', 'status':'{exec.Status}', 'txnId':'{exec.TransactionId}'}}"));
        }

        return channel.WritePayloadAsync(_payload, cancellationToken);
    }

    /// <summary>COM_STMT_PREPARE_OK, then a definition per parameter (the result's columns come with each execute).</summary>
    public async ValueTask WritePreparedAsync(PreparedStatement statement, CancellationToken cancellationToken)
    {
        await channel.WritePayloadAsync(_payload.Clear().Write(0x00).WriteUInt32(statement.Id).WriteUInt16(0).WriteUInt16((ushort)statement.ParameterCount)
            .Write(0).WriteUInt16(0), cancellationToken, flush: statement.ParameterCount == 0);
        if (statement.ParameterCount > 0)
        {
            for (var i = 0; i < statement.ParameterCount; i++)
            {
                await channel.WritePayloadAsync(ColumnDefinition(_payload.Clear(), new OutputColumn("?", DataType.String), null), cancellationToken, flush: false);
            }

            await channel.WritePayloadAsync(Eof(_payload.Clear()), cancellationToken);
        }
    }

    /// <summary>An EOF packet alone: the end of an empty column list, or the answer to COM_SET_OPTION.</summary>
    public ValueTask WriteEndAsync(CancellationToken cancellationToken) => channel.WritePayloadAsync(Eof(_payload.Clear()), cancellationToken);

    /// <summary>A bare text payload (COM_STATISTICS's answer).</summary>
    public ValueTask WriteTextAsync(string text, CancellationToken cancellationToken) =>
        channel.WritePayloadAsync(_payload.Clear().WriteString(text), cancellationToken);

    public ValueTask WriteErrorAsync(MySqlError error, CancellationToken cancellationToken) =>
        channel.WritePayloadAsync(error.Write(_payload.Clear()), cancellationToken);

    /// <summary>The whole result set, its rows as text or (for a prepared statement) in the binary protocol; returns the rows sent.</summary>
    public async Task<long> WriteRowsAsync(QueryResult result, string? database, bool binary, CancellationToken cancellationToken)
    {
        var columns = result.Columns;
        await channel.WritePayloadAsync(_payload.Clear().WriteLengthEncodedInteger((ulong)columns.Length), cancellationToken, flush: false);
        foreach (var column in columns)
        {
            await channel.WritePayloadAsync(ColumnDefinition(_payload.Clear(), column, database), cancellationToken, flush: false);
        }

        await channel.WritePayloadAsync(Eof(_payload.Clear()), cancellationToken, flush: false);
        var precisions = columns.Select(c => c.Type.Kind == TypeKind.DateTime ? c.Type.Precision : -1).ToArray();
        var types = columns.Select(c => ResultColumnType.Of(c.Type).Type).ToArray();
        long rows = 0;
        await foreach (var row in result.Rows.WithCancellation(cancellationToken))
        {
            if (binary)
            {
                BinaryRow.Write(_payload.Clear(), row, types, precisions);
            }
            else
            {
                TextRow(_payload.Clear(), row, precisions);
            }

            await channel.WritePayloadAsync(_payload, cancellationToken, flush: false);
            rows++;
        }

        await channel.WritePayloadAsync(Eof(_payload.Clear()), cancellationToken);
        return rows;
    }

    public void Dispose() => _payload.Dispose();

    /// <summary>ProtocolText::ResultsetRow: each value as length-encoded text, NULL as 0xFB.</summary>
    private static void TextRow(PayloadWriter payload, SqlValue[] row, int[] precisions)
    {
        for (var i = 0; i < row.Length; i++)
        {
            var value = row[i];
            switch (value.Kind)
            {
                case ValueKind.Null:
                    payload.Write(0xFB);
                    break;
                case ValueKind.Integer:
                    payload.WriteLengthEncodedDigits(value.AsInteger);
                    break;
                case ValueKind.String:
                    payload.WriteLengthEncodedString(value.AsString);
                    break;
                default:
                    payload.WriteLengthEncodedString(SqlValueFormat.ToText(value, precisions[i]));
                    break;
            }
        }
    }

    /// <summary>Protocol::ColumnDefinition41: catalog, schema, table, original table, name, original name, then the fixed fields.</summary>
    private static PayloadWriter ColumnDefinition(PayloadWriter payload, OutputColumn column, string? database)
    {
        var type = ResultColumnType.Of(column.Type);
        var name = Encoding.UTF8.GetBytes(column.Name);
        return payload.WriteLengthEncodedBytes("def"u8).WriteLengthEncodedBytes(Encoding.UTF8.GetBytes(database ?? "")).Write(0).Write(0)
            .WriteLengthEncodedBytes(name).WriteLengthEncodedBytes(name)
            .Write(0x0C).WriteUInt16(type.CharacterSet).WriteUInt32(type.Length).Write((byte)type.Type).WriteUInt16(0).Write(type.Decimals).WriteZeros(2);
    }

    /// <summary>Protocol::EOF_Packet: 0xFE, warnings, status.</summary>
    private static PayloadWriter Eof(PayloadWriter payload) => payload.Write(0xFE).WriteUInt16(0).WriteUInt16((ushort)Status);
}
