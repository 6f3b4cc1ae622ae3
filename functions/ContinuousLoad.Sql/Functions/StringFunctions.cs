using System.Security.Cryptography;
using System.Text;
using ContinuousLoad.Sql.Evaluation;
using ContinuousLoad.Sql.Types;
using ContinuousLoad.Sql.Values;

namespace ContinuousLoad.Sql.Functions;

/// <summary>String functions. Positions and lengths count characters; <c>length</c> counts UTF-8 bytes, as in Doris.</summary>
public static class StringFunctions
{
    private static readonly DataType Text = DataType.String;

    public static void Register(FunctionRegistry registry)
    {
        registry.Add(new ScalarFunction("concat", 1, ScalarFunction.Variadic, Signatures.Fixed(Text, Text), (a, _) =>
        {
            long length = 0;
            foreach (var part in a)
            {
                length += part.AsString.Length;
            }

            if (!TextBudget.Fits(length))
            {
                return SqlValue.Null;
            }

            var text = new StringBuilder((int)length);
            foreach (var part in a)
            {
                text.Append(part.AsString);
            }

            return SqlValue.FromString(text.ToString());
        }));
        registry.Add(new ScalarFunction("concat_ws", 2, ScalarFunction.Variadic, Signatures.Fixed(Text, Text), ConcatWs, propagatesNull: false));
        registry.Add(new ScalarFunction("substr", 2, 3, Signatures.Fixed(Text, Text, DataType.BigInt, DataType.BigInt), Substring),
            "substring", "mid");
        registry.Add(new ScalarFunction("left", 2, 2, Signatures.Fixed(Text, Text, DataType.BigInt),
            (a, _) => SqlValue.FromString(TextElements.Slice(a[0].AsString, 0, Clamp(a[1].AsInteger)))), "strleft");
        registry.Add(new ScalarFunction("right", 2, 2, Signatures.Fixed(Text, Text, DataType.BigInt), (a, _) =>
        {
            var text = a[0].AsString;
            var count = TextElements.Count(text);
            var take = Clamp(a[1].AsInteger);
            return SqlValue.FromString(TextElements.Slice(text, Math.Max(0, count - take), take));
        }), "strright");
        Unary(registry, "upper", s => s.ToUpperInvariant(), "ucase");
        Unary(registry, "lower", s => s.ToLowerInvariant(), "lcase");
        Unary(registry, "trim", s => s.Trim(' '));
        Unary(registry, "ltrim", s => s.TrimStart(' '));
        Unary(registry, "rtrim", s => s.TrimEnd(' '));
        Unary(registry, "reverse", TextElements.Reverse);
        registry.Add(new ScalarFunction("length", 1, 1, Signatures.Fixed(DataType.Int, Text),
            (a, _) => SqlValue.FromInteger(Encoding.UTF8.GetByteCount(a[0].AsString))), "octet_length");
        registry.Add(new ScalarFunction("char_length", 1, 1, Signatures.Fixed(DataType.Int, Text),
            (a, _) => SqlValue.FromInteger(TextElements.Count(a[0].AsString))), "character_length");
        registry.Add(new ScalarFunction("replace", 3, 3, Signatures.Fixed(Text, Text), Replace));
        registry.Add(new ScalarFunction("split_part", 3, 3, Signatures.Fixed(Text, Text, Text, DataType.BigInt), SplitPart));
        registry.Add(new ScalarFunction("lpad", 3, 3, Signatures.Fixed(Text, Text, DataType.BigInt, Text), (a, _) => Pad(a, left: true)));
        registry.Add(new ScalarFunction("rpad", 3, 3, Signatures.Fixed(Text, Text, DataType.BigInt, Text), (a, _) => Pad(a, left: false)));
        registry.Add(new ScalarFunction("locate", 2, 3, Signatures.Fixed(DataType.Int, Text, Text, DataType.BigInt), Locate));
        registry.Add(new ScalarFunction("instr", 2, 2, Signatures.Fixed(DataType.Int, Text),
            (a, _) => Position(a[0].AsString, a[1].AsString, 1)));
        registry.Add(new ScalarFunction("starts_with", 2, 2, Signatures.Fixed(DataType.Boolean, Text),
            (a, _) => SqlValue.FromBoolean(a[0].AsString.StartsWith(a[1].AsString, StringComparison.Ordinal))));
        registry.Add(new ScalarFunction("ends_with", 2, 2, Signatures.Fixed(DataType.Boolean, Text),
            (a, _) => SqlValue.FromBoolean(a[0].AsString.EndsWith(a[1].AsString, StringComparison.Ordinal))));
        registry.Add(new ScalarFunction("repeat", 2, 2, Signatures.Fixed(Text, Text, DataType.BigInt), (a, _) =>
        {
            var count = Clamp(a[1].AsInteger);
            return !TextBudget.Fits((long)a[0].AsString.Length * count)
                ? SqlValue.Null
                : SqlValue.FromString(string.Concat(Enumerable.Repeat(a[0].AsString, count)));
        }));
        registry.Add(new ScalarFunction("md5", 1, 1, Signatures.Fixed(Text, Text),
            (a, _) => SqlValue.FromString(Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(a[0].AsString))))), "md5sum");
        registry.Add(new ScalarFunction("sha2", 2, 2, Signatures.Fixed(Text, Text, DataType.BigInt), Sha2));
    }

    private static void Unary(FunctionRegistry registry, string name, Func<string, string> body, params string[] aliases) =>
        registry.Add(new ScalarFunction(name, 1, 1, Signatures.Fixed(Text, Text), (a, _) => SqlValue.FromString(body(a[0].AsString))), aliases);

    private static int Clamp(long value) => (int)Math.Clamp(value, 0, int.MaxValue);

    private static SqlValue ConcatWs(ReadOnlySpan<SqlValue> arguments, Evaluation.EvaluationContext context)
    {
        if (arguments[0].IsNull)
        {
            return SqlValue.Null;
        }

        long length = 0;
        foreach (var part in arguments[1..])
        {
            length += part.IsNull ? 0 : part.AsString.Length + arguments[0].AsString.Length;
        }

        if (!TextBudget.Fits(length))
        {
            return SqlValue.Null;
        }

        var text = new StringBuilder();
        var first = true;
        foreach (var part in arguments[1..])
        {
            if (part.IsNull)
            {
                continue;
            }

            if (!first)
            {
                text.Append(arguments[0].AsString);
            }

            text.Append(part.AsString);
            first = false;
        }

        return SqlValue.FromString(text.ToString());
    }

    /// <summary>Every occurrence replaced; NULL when the result would pass <see cref="TextBudget.MaxResultLength"/>.</summary>
    private static SqlValue Replace(ReadOnlySpan<SqlValue> arguments, Evaluation.EvaluationContext context)
    {
        var (text, find, with) = (arguments[0].AsString, arguments[1].AsString, arguments[2].AsString);
        if (find.Length == 0)
        {
            return SqlValue.FromString(text);
        }

        long occurrences = 0;
        for (var at = text.IndexOf(find, StringComparison.Ordinal); at >= 0; at = text.IndexOf(find, at + find.Length, StringComparison.Ordinal))
        {
            occurrences++;
        }

        return TextBudget.Fits(text.Length + (occurrences * (with.Length - find.Length)))
            ? SqlValue.FromString(text.Replace(find, with, StringComparison.Ordinal))
            : SqlValue.Null;
    }

    /// <summary>MySQL's substr: 1-based; a negative position counts from the end; position 0 gives ''.</summary>
    private static SqlValue Substring(ReadOnlySpan<SqlValue> arguments, Evaluation.EvaluationContext context)
    {
        var text = arguments[0].AsString;
        var position = arguments[1].AsInteger;
        var length = arguments.Length > 2 ? arguments[2].AsInteger : long.MaxValue;
        var count = TextElements.Count(text);
        if (position == 0 || length <= 0 || Math.Abs(position) > count)
        {
            return SqlValue.FromString("");
        }

        var start = position > 0 ? position - 1 : count + position;
        return SqlValue.FromString(TextElements.Slice(text, (int)start, Clamp(length)));
    }

    private static SqlValue SplitPart(ReadOnlySpan<SqlValue> arguments, Evaluation.EvaluationContext context)
    {
        var delimiter = arguments[1].AsString;
        var index = arguments[2].AsInteger;
        if (delimiter.Length == 0 || index == 0)
        {
            return SqlValue.Null;
        }

        var parts = arguments[0].AsString.Split(delimiter);
        var at = index > 0 ? index - 1 : parts.Length + index;
        return at >= 0 && at < parts.Length ? SqlValue.FromString(parts[at]) : SqlValue.Null;
    }

    private static SqlValue Pad(ReadOnlySpan<SqlValue> arguments, bool left)
    {
        var text = arguments[0].AsString;
        var length = arguments[1].AsInteger;
        var pad = arguments[2].AsString;
        if (length < 0 || !TextBudget.Fits(length))
        {
            return SqlValue.Null;
        }

        var count = TextElements.Count(text);
        if (length <= count)
        {
            return SqlValue.FromString(TextElements.Slice(text, 0, (int)length));
        }

        if (pad.Length == 0)
        {
            return SqlValue.Null;
        }

        var filler = new StringBuilder();
        while (filler.Length < length - count)
        {
            filler.Append(pad);
        }

        var fill = TextElements.Slice(filler.ToString(), 0, (int)(length - count));
        return SqlValue.FromString(left ? fill + text : text + fill);
    }

    private static SqlValue Locate(ReadOnlySpan<SqlValue> arguments, Evaluation.EvaluationContext context) =>
        Position(arguments[1].AsString, arguments[0].AsString, arguments.Length > 2 ? arguments[2].AsInteger : 1);

    /// <summary>The 1-based character position of <paramref name="needle"/> at or after <paramref name="from"/>, 0 when absent.</summary>
    private static SqlValue Position(string haystack, string needle, long from)
    {
        if (from < 1 || from > TextElements.Count(haystack) + 1)
        {
            return SqlValue.FromInteger(0);
        }

        var prefix = TextElements.Slice(haystack, 0, (int)from - 1);
        var index = haystack.IndexOf(needle, prefix.Length, StringComparison.Ordinal);
        return SqlValue.FromInteger(index < 0 ? 0 : TextElements.Count(haystack[..index]) + 1);
    }

    private static SqlValue Sha2(ReadOnlySpan<SqlValue> arguments, Evaluation.EvaluationContext context)
    {
        var bytes = Encoding.UTF8.GetBytes(arguments[0].AsString);
        byte[]? hash = arguments[1].AsInteger switch
        {
            0 or 256 => SHA256.HashData(bytes),
            384 => SHA384.HashData(bytes),
            512 => SHA512.HashData(bytes),
            _ => null,
        };
        return hash is null ? SqlValue.Null : SqlValue.FromString(Convert.ToHexStringLower(hash));
    }
}
