using System.Security.Cryptography;
using System.Text;
using Xunit;

namespace ContinuousLoad.Testing;

/// <summary>
/// Names for server-side objects (slots, tables, key prefixes) derived from the running test, so
/// parallel tests never collide and leftovers point at the test that made them.
/// </summary>
public static class TestNames
{
    /// <summary>A lower-case identifier of at most <paramref name="maxLength"/> characters: test name + short hash.</summary>
    public static string ForCurrentTest(string prefix = "t", int maxLength = 48)
    {
        var test = TestContext.Current.Test?.TestDisplayName ?? "unknown";
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(test)))[..8];
        var method = test[(test.LastIndexOf('.') + 1)..];
        var readable = new StringBuilder(prefix.Length + method.Length + 1).Append(prefix).Append('_');
        foreach (var c in method)
        {
            readable.Append(char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '_');
        }

        var room = Math.Max(1, maxLength - hash.Length - 1);
        var head = readable.Length > room ? readable.ToString(0, room) : readable.ToString();
        return $"{head}_{hash}";
    }
}
