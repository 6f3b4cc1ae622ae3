using System.Collections.Immutable;
using ContinuousLoad.Durable.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ContinuousLoad.Tests.Durable;

/// <summary>
/// Our determinism rule on source text: what it refuses inside SDK orchestrators beyond the official
/// analyzers' rules, and that it leaves other code alone.
/// </summary>
public sealed class DeterminismAnalyzerTests
{
    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(string body)
    {
        var source = $$"""
            using System;
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;
            using System.Diagnostics;
            using Microsoft.DurableTask;

            public sealed class Job : TaskOrchestrator<string, string>
            {
                public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
                {
                    {{body}}
                    return "";
                }
            }

            public sealed class Step : TaskActivity<string, string>
            {
                public override async Task<string> RunAsync(TaskActivityContext context, string input)
                {
                    await Task.Delay(1);
                    return new Random().Next().ToString() + Stopwatch.GetTimestamp() + File.Exists("x");
                }
            }
            """;
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Select(path => MetadataReference.CreateFromFile(path))
            .Append(MetadataReference.CreateFromFile(typeof(Microsoft.DurableTask.TaskOrchestrator<,>).Assembly.Location));
        var compilation = CSharpCompilation.Create("Sample", [CSharpSyntaxTree.ParseText(source)], references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        return await compilation.WithAnalyzers([new DeterminismAnalyzer()]).GetAnalyzerDiagnosticsAsync(TestContext.Current.CancellationToken);
    }

    [Theory]
    [InlineData("var n = new Random().Next();", "new Random", "randomness does not replay")]
    [InlineData("var watch = Stopwatch.StartNew();", "Stopwatch.StartNew", "use context.CurrentUtcDateTime")]
    [InlineData("var ticks = Environment.TickCount64;", "Environment.TickCount64", "use context.CurrentUtcDateTime")]
    [InlineData("var text = File.ReadAllText(input);", "File.ReadAllText", "I/O belongs in an activity")]
    [InlineData("await context.CallActivityAsync(\"Step\").ConfigureAwait(false);", "Task.ConfigureAwait", "continuations must return to the replay thread")]
    [InlineData("using var cts = new CancellationTokenSource(); await cts.CancelAsync();", "CancellationTokenSource.CancelAsync", "use Cancel()")]
    [InlineData("using var cts = new CancellationTokenSource(); cts.CancelAfter(10);", "CancellationTokenSource.CancelAfter", "use Cancel()")]
    [InlineData("Func<int> roll = () => Random.Shared.Next();", "Random.Shared", "randomness does not replay")]
    public async Task Refuses_what_cannot_replay_inside_an_orchestrator(string code, string api, string advice)
    {
        var diagnostics = await AnalyzeAsync(code);

        Assert.NotEmpty(diagnostics);
        Assert.All(diagnostics, d => Assert.Equal((DeterminismAnalyzer.DiagnosticId, DiagnosticSeverity.Error), (d.Id, d.Severity)));
        Assert.Contains(diagnostics, d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)
            .StartsWith($"'{api}' is not allowed in orchestrator code: {advice}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Allows_the_context_and_ordinary_code_and_leaves_activities_alone()
    {
        var diagnostics = await AnalyzeAsync("""
            var now = context.CurrentUtcDateTime;
            var id = context.NewGuid();
            using var cts = new CancellationTokenSource();
            var timer = context.CreateTimer(TimeSpan.FromSeconds(1), cts.Token);
            cts.Cancel();
            var parts = input.Split(',');
            await context.CallActivityAsync("Step", now.AddDays(1) > now ? parts.Length : id.GetHashCode());
            """);

        Assert.Empty(diagnostics);
    }
}
