using System.Globalization;
using ContinuousLoad.Durable.Hosting;
using ContinuousLoad.DurableWorker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// usage: ContinuousLoad.DurableWorker sqlite <file> <lease seconds> | azurestorage <connection string> <task hub> <lease seconds>
if (args.Length < 3 || (args[0] != "sqlite" && args.Length < 4))
{
    Console.Error.WriteLine("usage: ContinuousLoad.DurableWorker sqlite <file> <lease-seconds> | azurestorage <connection-string> <task-hub> <lease-seconds>");
    return 2;
}

var lease = TimeSpan.FromSeconds(double.Parse(args[^1], CultureInfo.InvariantCulture));
var options = args[0] == "sqlite"
    ? new DurableRuntimeOptions(DurableBackend.Sqlite, args[1])
    : new DurableRuntimeOptions(DurableBackend.AzureStorage, "", args[1]) { TaskHubName = args[2] };
options = options with
{
    LeaseDuration = lease,
    PartitionLeaseDuration = lease * 2,
    PartitionLeaseRenewal = lease / 2,
    MaxQueuePollingInterval = TimeSpan.FromSeconds(1),
    SqlitePollingInterval = TimeSpan.FromMilliseconds(200),
    MaxConcurrentActivities = 16,
    MaxConcurrentOrchestrations = 8,
};

var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { Args = args });
builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
builder.Services.AddDurableTaskRuntime(options, tasks => tasks.AddOrchestrator<StepsOrchestrator>().AddActivity<StepActivity>());
using var host = builder.Build();
await host.StartAsync();
Console.Out.WriteLine("ready");
Console.Out.Flush();
await host.WaitForShutdownAsync();
return 0;
