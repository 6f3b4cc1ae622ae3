using System.Text;

namespace ContinuousLoad.Testing;

/// <summary>HTTP Basic header values, as <c>curl -u user:password</c> sends them.</summary>
public static class BasicAuthorization
{
    /// <returns><c>Basic base64(userAndPassword)</c>.</returns>
    public static string Header(string userAndPassword) =>
        "Basic " + Parameter(userAndPassword);

    /// <returns>The base64 credentials alone, for <c>AuthenticationHeaderValue("Basic", ...)</c>.</returns>
    public static string Parameter(string userAndPassword) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(userAndPassword));
}
