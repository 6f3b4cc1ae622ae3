using ContinuousLoad.MySql.Wire;
using ContinuousLoad.Sources.MySql.Values;

namespace ContinuousLoad.Sources.MySql.Protocol.Payloads;

/// <summary>
/// Protocol::ColumnDefinition41 (MySQL Client/Server Protocol, "Column Definition"): catalog, schema,
/// table alias, table, column alias, column (length-encoded strings), then a 0x0C-long fixed block:
/// collation id, column length, type, flags, decimals. MariaDB may send extended metadata (JSON/UUID
/// markers) only when the client asks for it; this client does not.
/// </summary>
public sealed record ColumnDefinitionPayload(string Schema, string Table, string OriginalTable, string Name, string OriginalName,
    int CollationId, uint ColumnLength, MySqlColumnType Type, ColumnFlags Flags, byte Decimals)
{
    public bool IsUnsigned => Flags.HasFlag(ColumnFlags.Unsigned);

    /// <summary>
    /// DECIMAL precision recovered from the display length: length = precision + (scale &gt; 0 ? 1 : 0) + (unsigned ? 0 : 1).
    /// </summary>
    public int DecimalPrecision => (int)ColumnLength - (Decimals > 0 ? 1 : 0) - (IsUnsigned ? 0 : 1);

    public MySqlValueKind ValueKind
    {
        get
        {
            if (Type == MySqlColumnType.String && (Flags.HasFlag(ColumnFlags.Enum) || Flags.HasFlag(ColumnFlags.Set)))
            {
                return MySqlValueKind.Text;
            }

            return MySqlValues.KindOf(Type, IsUnsigned, DecimalPrecision, CollationId);
        }
    }

    public static ColumnDefinitionPayload Create(ReadOnlySpan<byte> payload)
    {
        var reader = new PayloadReader(payload);
        reader.ReadLengthEncodedBytes();
        var schema = reader.ReadLengthEncodedString();
        var table = reader.ReadLengthEncodedString();
        var originalTable = reader.ReadLengthEncodedString();
        var name = reader.ReadLengthEncodedString();
        var originalName = reader.ReadLengthEncodedString();
        var fixedLength = reader.ReadLengthEncodedInteger();
        if (fixedLength < 10)
        {
            throw new MySqlProtocolException($"Column definition of '{name}': expected a fixed block of 0x0C bytes, got 0x{fixedLength:X2}.");
        }

        var collation = reader.ReadUInt16();
        var length = reader.ReadUInt32();
        var type = (MySqlColumnType)reader.ReadByte();
        var flags = (ColumnFlags)reader.ReadUInt16();
        var decimals = reader.ReadByte();
        return new ColumnDefinitionPayload(schema, table, originalTable, name, originalName, collation, length, type, flags, decimals);
    }
}
