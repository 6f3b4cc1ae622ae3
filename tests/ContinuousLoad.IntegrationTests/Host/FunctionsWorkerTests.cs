using System.Reflection;
using ContinuousLoad.Functions;
using ContinuousLoad.Functions.Configuration;
using ContinuousLoad.Testing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace ContinuousLoad.IntegrationTests.Host;

/// <summary>
/// The app as the Functions host starts it (the host itself cannot run here): it knows it is the host's worker, and its
/// services make every function class. Running under <c>func start</c> is not tested here.
/// </summary>
public sealed class FunctionsWorkerTests
{
    [Fact]
    public void Only_the_functions_host_starts_the_worker()
    {
        Assert.True(FunctionsWorker.IsLaunchedByHost(["--functions-uri", "http://127.0.0.1:1", "--functions-worker-id", "w", "--functions-request-id", "r"]));
        Assert.True(FunctionsWorker.IsLaunchedByHost(["--host", "127.0.0.1", "--port", "1", "--workerId", "w", "--requestId", "r"]));
        Assert.False(FunctionsWorker.IsLaunchedByHost([]));
        Assert.False(FunctionsWorker.IsLaunchedByHost(["--urls", "http://127.0.0.1:8080"]));
    }

    [Fact]
    public void Under_the_functions_host_every_function_class_gets_its_services()
    {
        using var data = new TemporaryDirectory();
        using var host = FunctionsWorker.Build(
        [
            "--functions-uri", "http://127.0.0.1:1", "--functions-worker-id", "w", "--functions-request-id", "r", "--functions-grpc-max-message-length", "1000",
            $"--{ContinuousLoadSettings.DataDirectoryKey}={data.Path}",
        ]);

        var functions = typeof(FunctionsWorker).Assembly.GetTypes()
            .Where(t => t.GetMethods().Any(m => m.GetCustomAttribute<FunctionAttribute>() is not null))
            .ToList();

        Assert.Equal(8, functions.Count);
        Assert.All(functions, type => Assert.NotNull(ActivatorUtilities.CreateInstance(host.Services, type)));
    }

    [Fact]
    public void In_azure_a_user_without_a_password_stops_the_worker()
    {
        using var data = new TemporaryDirectory();
        var refused = Assert.Throws<StartupConfigurationException>(() => FunctionsWorker.Build(
        [
            "--functions-worker-id", "w", $"--{ContinuousLoadSettings.DataDirectoryKey}={data.Path}", "--WEBSITE_INSTANCE_ID=abc",
        ]));

        Assert.Contains("'root' have an empty password, which is refused in Azure", refused.Message, StringComparison.Ordinal);
    }
}
