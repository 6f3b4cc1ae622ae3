using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using ContinuousLoad.MySql.Wire;
using ContinuousLoad.Sql.Syntax;

namespace ContinuousLoad.SqlFrontend.MySqlPort;

/// <summary>
/// A statement prepared on the port (COM_STMT_PREPARE): its text and where its <c>?</c> markers stand. Executing it
/// (COM_STMT_EXECUTE) reads the parameters in the binary protocol and writes each into the text as a literal at its
/// marker, so the statement runs exactly as if the client had typed the values — the same parser, limits and
/// privileges as every other statement. Values sent in pieces (COM_STMT_SEND_LONG_DATA) are gathered until then.
/// </summary>
internal sealed class PreparedStatement
{
    private readonly string _text;
    private readonly int[] _markers;
    private readonly Dictionary<int, MemoryStream> _longData = [];
    private ushort[] _types = [];

    private PreparedStatement(uint id, string text, int[] markers)
    {
        Id = id;
        _text = text;
        _markers = markers;
    }

    public uint Id { get; }

    public int ParameterCount => _markers.Length;

    /// <summary>The statement with its markers found; the text must parse once every marker holds a value.</summary>
    /// <exception cref="SqlSyntaxException">The text does not tokenize or parse.</exception>
    public static PreparedStatement Prepare(uint id, string text, Sql.Limits.SqlLimits limits)
    {
        var markers = Lexer.Tokenize(text).Where(t => t.IsSymbol("?")).Select(t => t.Offset).ToArray();
        var statement = new PreparedStatement(id, text, markers);
        SqlParser.ParseStatement(statement.Substitute(Enumerable.Repeat("NULL", markers.Length).ToArray()), limits);
        return statement;
    }

    /// <summary>COM_STMT_SEND_LONG_DATA: a piece of a parameter's value, before the execute that uses it.</summary>
    public void AppendLongData(int parameter, ReadOnlySpan<byte> data)
    {
        if (parameter >= 0 && parameter < _markers.Length)
        {
            if (!_longData.TryGetValue(parameter, out var buffer))
            {
                _longData[parameter] = buffer = new MemoryStream();
            }

            buffer.Write(data);
        }
    }

    /// <summary>COM_STMT_RESET: the gathered pieces are dropped.</summary>
    public void Reset() => _longData.Clear();

    /// <summary>
    /// The statement's text for one COM_STMT_EXECUTE payload (after the statement id): flags, iteration count, the NULL
    /// bitmap, the parameter types when the client sends them anew, then the values.
    /// </summary>
    /// <exception cref="MySqlProtocolException">The payload does not hold the parameters.</exception>
    public string Bind(ReadOnlySpan<byte> payload)
    {
        var reader = new PayloadReader(payload);
        reader.Skip(1 + 4); // cursor flags, iteration count (always 1)
        if (_markers.Length == 0)
        {
            return _text;
        }

        var nulls = reader.ReadBytes((_markers.Length + 7) / 8);
        if (reader.ReadByte() == 1)
        {
            _types = new ushort[_markers.Length];
            for (var i = 0; i < _types.Length; i++)
            {
                _types[i] = reader.ReadUInt16();
            }
        }
        else if (_types.Length == 0)
        {
            throw new MySqlProtocolException("COM_STMT_EXECUTE sent no parameter types, and no earlier execute of the statement did.");
        }

        var literals = new string[_markers.Length];
        for (var i = 0; i < literals.Length; i++)
        {
            literals[i] = (nulls[i / 8] & (1 << (i % 8))) != 0 ? "NULL"
                : _longData.Remove(i, out var pieces) ? Quote(Encoding.UTF8.GetString(pieces.ToArray()))
                : Literal(ref reader, (MySqlColumnType)(byte)_types[i], (_types[i] & 0x8000) != 0);
        }

        return Substitute(literals);
    }

    private string Substitute(string[] literals)
    {
        var text = new StringBuilder(_text.Length + literals.Sum(l => l.Length));
        var from = 0;
        for (var i = 0; i < _markers.Length; i++)
        {
            text.Append(_text, from, _markers[i] - from).Append(literals[i]);
            from = _markers[i] + 1;
        }

        return text.Append(_text, from, _text.Length - from).ToString();
    }

    /// <summary>One value in the binary protocol's form for its type, as SQL literal text.</summary>
    private static string Literal(ref PayloadReader reader, MySqlColumnType type, bool unsigned) => type switch
    {
        MySqlColumnType.Tiny => unsigned ? reader.ReadByte().ToString(CultureInfo.InvariantCulture) : ((sbyte)reader.ReadByte()).ToString(CultureInfo.InvariantCulture),
        MySqlColumnType.Short or MySqlColumnType.Year => unsigned ? reader.ReadUInt16().ToString(CultureInfo.InvariantCulture) : ((short)reader.ReadUInt16()).ToString(CultureInfo.InvariantCulture),
        MySqlColumnType.Long or MySqlColumnType.Int24 => unsigned ? reader.ReadUInt32().ToString(CultureInfo.InvariantCulture) : ((int)reader.ReadUInt32()).ToString(CultureInfo.InvariantCulture),
        MySqlColumnType.LongLong => unsigned ? reader.ReadUInt64().ToString(CultureInfo.InvariantCulture) : ((long)reader.ReadUInt64()).ToString(CultureInfo.InvariantCulture),
        MySqlColumnType.Float => Number(BinaryPrimitives.ReadSingleLittleEndian(reader.ReadBytes(4))),
        MySqlColumnType.Double => Number(BinaryPrimitives.ReadDoubleLittleEndian(reader.ReadBytes(8))),
        MySqlColumnType.Null => "NULL",
        MySqlColumnType.Timestamp or MySqlColumnType.Date or MySqlColumnType.DateTime => DateTimeLiteral(ref reader),
        MySqlColumnType.Time => TimeLiteral(ref reader),
        MySqlColumnType.Decimal or MySqlColumnType.NewDecimal => NumberText(Encoding.ASCII.GetString(reader.ReadLengthEncodedBytes())),
        _ => Quote(Encoding.UTF8.GetString(reader.ReadLengthEncodedBytes())),
    };

    private static string Number(double value) => double.IsFinite(value)
        ? value.ToString("R", CultureInfo.InvariantCulture)
        : throw new MySqlProtocolException($"A parameter is {value}, which SQL cannot hold.");

    /// <summary>A DECIMAL parameter's text, checked to be a number so it cannot carry anything else into the statement.</summary>
    private static string NumberText(string text) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _) || double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
            ? text
            : throw new MySqlProtocolException($"A DECIMAL parameter holds '{text}', which is not a number.");

    private static string DateTimeLiteral(ref PayloadReader reader)
    {
        var length = reader.ReadByte();
        if (length == 0)
        {
            return "'0000-00-00 00:00:00'";
        }

        var date = $"{reader.ReadUInt16():D4}-{reader.ReadByte():D2}-{reader.ReadByte():D2}";
        if (length < 7)
        {
            return $"'{date}'";
        }

        var time = $"{reader.ReadByte():D2}:{reader.ReadByte():D2}:{reader.ReadByte():D2}";
        return length < 11 ? $"'{date} {time}'" : $"'{date} {time}.{reader.ReadUInt32():D6}'";
    }

    private static string TimeLiteral(ref PayloadReader reader)
    {
        var length = reader.ReadByte();
        if (length == 0)
        {
            return "'00:00:00'";
        }

        var negative = reader.ReadByte() == 1;
        var hours = (reader.ReadUInt32() * 24) + reader.ReadByte();
        var time = $"{(negative ? "-" : "")}{hours:D2}:{reader.ReadByte():D2}:{reader.ReadByte():D2}";
        return length < 12 ? $"'{time}'" : $"'{time}.{reader.ReadUInt32():D6}'";
    }

    /// <summary>A string literal that reads back as <paramref name="value"/>: backslashes and quotes escaped.</summary>
    private static string Quote(string value) =>
        "'" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal) + "'";
}
