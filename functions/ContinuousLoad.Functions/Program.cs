using ContinuousLoad.Functions;
using ContinuousLoad.Functions.Configuration;
using Microsoft.AspNetCore.Connections;

try
{
    // Started by the Functions host (func start, Azure): its isolated worker. Otherwise the app serves its functions itself.
    if (FunctionsWorker.IsLaunchedByHost(args))
    {
        await FunctionsWorker.Build(args).RunAsync();
        return 0;
    }

    var app = FunctionsApp.Build(new WebApplicationOptions { Args = args });
    await app.RunAsync();
    return 0;
}
catch (StartupConfigurationException e)
{
    // A misconfiguration is the operator's to fix: say what and how, without a stack trace.
    await Console.Error.WriteLineAsync($"ContinuousLoad cannot start: {e.Message}");
    return 2;
}
catch (IOException e) when (e.InnerException is AddressInUseException)
{
    await Console.Error.WriteLineAsync(
        $"ContinuousLoad cannot start: {e.Message} Stop the other process or choose another address " +
        $"with {ContinuousLoadSettings.ListenUrlKey.Replace(":", "__", StringComparison.Ordinal)}.");
    return 2;
}
