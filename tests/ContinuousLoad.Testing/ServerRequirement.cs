using Xunit;

namespace ContinuousLoad.Testing;

/// <summary>
/// A test that needs a real server skips when the server is missing on a developer machine, and
/// fails under <c>CI=true</c>, where <c>tests/run</c> must have started every server.
/// </summary>
public static class ServerRequirement
{
    public static bool IsCi { get; } =
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Stops the test when <paramref name="unavailableReason"/> is set: skip locally, fail under CI.</summary>
    public static void Ensure(string? unavailableReason)
    {
        if (unavailableReason is null)
        {
            return;
        }

        if (IsCi)
        {
            Assert.Fail($"{unavailableReason} (CI=true: every server must be running; start them with tests/run)");
        }

        Assert.Skip($"{unavailableReason} (run tests/run to start the servers)");
    }
}
