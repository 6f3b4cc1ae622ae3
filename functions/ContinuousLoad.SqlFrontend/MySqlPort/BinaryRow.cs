using System.Buffers.Binary;
using ContinuousLoad.MySql.Wire;
using ContinuousLoad.Sql.Values;

namespace ContinuousLoad.SqlFrontend.MySqlPort;

/// <summary>
/// ProtocolBinary::ResultsetRow, the rows of a prepared statement's result: 0x00, a NULL bitmap offset by two bits, then
/// each value in its column type's binary form — integers and floats little-endian in their width, dates and datetimes
/// as length-prefixed parts, everything else (decimals, strings, JSON, LARGEINT, arrays) as length-encoded text.
/// </summary>
internal static class BinaryRow
{
    public static void Write(PayloadWriter payload, SqlValue[] row, MySqlColumnType[] types, int[] precisions)
    {
        payload.Write(0x00);
        Span<byte> nulls = stackalloc byte[(row.Length + 7 + 2) / 8];
        nulls.Clear();
        for (var i = 0; i < row.Length; i++)
        {
            if (row[i].IsNull)
            {
                nulls[(i + 2) / 8] |= (byte)(1 << ((i + 2) % 8));
            }
        }

        payload.Write(nulls);
        for (var i = 0; i < row.Length; i++)
        {
            if (!row[i].IsNull)
            {
                Value(payload, row[i], types[i], precisions[i]);
            }
        }
    }

    private static void Value(PayloadWriter payload, SqlValue value, MySqlColumnType type, int precision)
    {
        switch (type)
        {
            case MySqlColumnType.Tiny:
                payload.Write((byte)Integer(value));
                break;
            case MySqlColumnType.Short:
                payload.WriteUInt16((ushort)Integer(value));
                break;
            case MySqlColumnType.Long:
                payload.WriteUInt32((uint)Integer(value));
                break;
            case MySqlColumnType.LongLong:
                payload.WriteUInt64((ulong)Integer(value));
                break;
            case MySqlColumnType.Float:
                Span<byte> single = stackalloc byte[4];
                BinaryPrimitives.WriteSingleLittleEndian(single, (float)value.AsDouble);
                payload.Write(single);
                break;
            case MySqlColumnType.Double:
                payload.WriteUInt64((ulong)BitConverter.DoubleToInt64Bits(value.AsDouble));
                break;
            case MySqlColumnType.Date:
                var date = value.AsDate;
                payload.Write(4).WriteUInt16((ushort)date.Year).Write((byte)date.Month).Write((byte)date.Day);
                break;
            case MySqlColumnType.DateTime:
                var time = value.AsDateTime;
                var micros = (int)(time.Ticks % TimeSpan.TicksPerSecond / 10);
                payload.Write(micros == 0 ? (byte)7 : (byte)11).WriteUInt16((ushort)time.Year).Write((byte)time.Month).Write((byte)time.Day)
                    .Write((byte)time.Hour).Write((byte)time.Minute).Write((byte)time.Second);
                if (micros != 0)
                {
                    payload.WriteUInt32((uint)micros);
                }

                break;
            default:
                payload.WriteLengthEncodedString(SqlValueFormat.ToText(value, precision));
                break;
        }
    }

    private static long Integer(SqlValue value) => value.Kind == ValueKind.Boolean ? (value.AsBoolean ? 1 : 0) : value.AsInteger;
}
