using ContinuousLoad.Sql.Syntax;

namespace ContinuousLoad.Tests.Jobs;

/// <summary>A job's table-function arguments for a test: a base set with some replaced, added or removed.</summary>
internal static class TableFunctionArguments
{
    /// <summary><paramref name="given"/> with <paramref name="changes"/> replacing (or adding) arguments of the same name; a null value removes one.</summary>
    public static List<Property> With(IEnumerable<(string Key, string Value)> given, (string Key, string? Value)[] changes)
    {
        var arguments = given.Select(p => (p.Key, Value: (string?)p.Value)).ToList();
        foreach (var (key, value) in changes)
        {
            var index = arguments.FindIndex(p => p.Key == key);
            if (index < 0)
            {
                arguments.Add((key, value));
            }
            else
            {
                arguments[index] = (key, value);
            }
        }

        return [.. arguments.Where(p => p.Value is not null).Select(p => new Property(p.Key, p.Value!))];
    }
}
