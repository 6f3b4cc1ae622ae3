namespace ContinuousLoad.IntegrationTests.Sources.Postgres;

/// <summary>
/// One data line of the test_decoding plugin (the reference pg_recvlogical prints), split into its
/// parts: <c>table public.t: UPDATE: old-key: id[integer]:2 new-tuple: id[integer]:10 name[text]:'x'</c>.
/// Values stay as printed (quotes removed): the text of the type's output function, <c>null</c> or
/// <c>unchanged-toast-datum</c>.
/// </summary>
internal sealed record TestDecodingLine(string Table, string Operation, IReadOnlyDictionary<string, string?>? Old, IReadOnlyDictionary<string, string?>? New)
{
    public const string Unchanged = "unchanged-toast-datum";

    public static TestDecodingLine? Parse(string line)
    {
        if (!line.StartsWith("table ", StringComparison.Ordinal))
        {
            return null; // BEGIN / COMMIT
        }

        var colon = line.IndexOf(": ", StringComparison.Ordinal);
        var table = line[6..colon];
        var rest = line[(colon + 2)..];
        var opEnd = rest.IndexOf(':', StringComparison.Ordinal);
        var operation = rest[..opEnd];
        var body = rest[(opEnd + 1)..].TrimStart();
        if (operation == "TRUNCATE" || body == "(no-tuple-data)")
        {
            return new TestDecodingLine(table, operation, null, null);
        }

        if (body.StartsWith("old-key: ", StringComparison.Ordinal))
        {
            var split = body.IndexOf(" new-tuple: ", StringComparison.Ordinal);
            return new TestDecodingLine(table, operation, Columns(body[9..split]), Columns(body[(split + 12)..]));
        }

        return operation == "DELETE" ? new TestDecodingLine(table, operation, Columns(body), null) : new TestDecodingLine(table, operation, null, Columns(body));
    }

    private static Dictionary<string, string?> Columns(string text)
    {
        var columns = new Dictionary<string, string?>();
        var at = 0;
        while (at < text.Length)
        {
            var open = text.IndexOf('[', at);
            var name = text[at..open];
            var close = text.IndexOf("]:", open, StringComparison.Ordinal);
            at = close + 2;
            string? value;
            if (text[at] == '\'')
            {
                var builder = new System.Text.StringBuilder();
                at++;
                while (true)
                {
                    if (text[at] == '\'' && (at + 1 >= text.Length || text[at + 1] != '\''))
                    {
                        at++;
                        break;
                    }

                    if (text[at] == '\'')
                    {
                        at++;
                    }

                    builder.Append(text[at++]);
                }

                value = builder.ToString();
            }
            else
            {
                var end = text.IndexOf(' ', at);
                end = end < 0 ? text.Length : end;
                value = text[at..end];
                value = value == "null" ? null : value;
                at = end;
            }

            columns[name] = value;
            while (at < text.Length && text[at] == ' ')
            {
                at++;
            }
        }

        return columns;
    }
}
