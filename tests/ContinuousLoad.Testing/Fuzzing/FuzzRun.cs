using Xunit;

namespace ContinuousLoad.Testing.Fuzzing;

/// <summary>
/// Runs a fuzz target over inputs made from fixed seeds, so every run sees the same inputs and a failure
/// names the seed and iteration that reproduce it. Each input must end in a result or an exception the
/// target calls clear — not any other exception, not a hang past <see cref="HangLimit"/>, and not more
/// allocation than <c>bound(input)</c>.
/// </summary>
/// <typeparam name="T">The input: bytes, text, a set of headers.</typeparam>
public sealed class FuzzRun<T>(string target, Func<Random, T> make, Func<T, string> show)
{
    /// <summary>Far beyond what any input needs; only a hang or a blow-up gets near it.</summary>
    public TimeSpan HangLimit { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Bytes one input may allocate; the default is generous for inputs of a few kilobytes.</summary>
    public Func<T, long> AllocationBound { get; init; } = _ => 256L * 1024 * 1024;

    /// <summary>Runs <paramref name="inputsPerSeed"/> inputs for each seed; returns how many ended in a result (not a clear error).</summary>
    public int Run(IReadOnlyList<int> seeds, int inputsPerSeed, Action<T> consume, Func<Exception, bool> isClear)
    {
        var failures = new List<string>();
        var results = 0;
        foreach (var seed in seeds)
        {
            var random = new Random(seed);
            for (var i = 0; i < inputsPerSeed && failures.Count < 5; i++)
            {
                var input = make(random);
                var outcome = Task.Run(() => Consume(input, consume));
                if (!outcome.Wait(HangLimit, TestContext.Current.CancellationToken))
                {
                    failures.Add($"seed {seed}, input {i}: no answer within {HangLimit.TotalSeconds:0} s: {show(input)}");
                    break;
                }

                var (error, allocated) = outcome.Result;
                if (error is null)
                {
                    results++;
                }
                else if (!isClear(error))
                {
                    failures.Add($"seed {seed}, input {i}: {error.GetType().Name}: {error.Message}\n  input: {show(input)}\n  {error.StackTrace?.Split('\n').FirstOrDefault()}");
                }

                if (allocated > AllocationBound(input))
                {
                    failures.Add($"seed {seed}, input {i}: allocated {allocated / 1024 / 1024} MB: {show(input)}");
                }
            }
        }

        Assert.True(failures.Count == 0, $"{target}: {failures.Count} input(s) misbehaved:\n{string.Join("\n", failures)}");
        return results;
    }

    private static (Exception? Error, long Allocated) Consume(T input, Action<T> consume)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            consume(input);
            return (null, GC.GetAllocatedBytesForCurrentThread() - before);
        }
#pragma warning disable CA1031 // the harness judges every exception
        catch (Exception e)
#pragma warning restore CA1031
        {
            return (e, GC.GetAllocatedBytesForCurrentThread() - before);
        }
    }

    /// <summary>For reports: the input's start, with its length.</summary>
    public static string Abbreviate(string text) =>
        text.Length <= 2000 ? text : $"{text[..2000]}... ({text.Length} characters)";

    public static string Abbreviate(byte[] bytes) =>
        bytes.Length <= 150 ? Convert.ToHexString(bytes) : $"{Convert.ToHexString(bytes.AsSpan(0, 150))}... ({bytes.Length} bytes)";
}
