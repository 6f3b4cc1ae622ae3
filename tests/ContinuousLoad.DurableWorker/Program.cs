using ContinuousLoad.Durable;
using ContinuousLoad.Durable.Stores;
using ContinuousLoad.Durable.Stores.Postgres;
using ContinuousLoad.Durable.Stores.Sqlite;
using ContinuousLoad.Durable.Worker;
using ContinuousLoad.DurableWorker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

// usage: ContinuousLoad.DurableWorker sqlite <file> | postgres <connection string> <schema>  [lease seconds]
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: ContinuousLoad.DurableWorker sqlite <file> [lease-seconds] | postgres <connection-string> <schema> [lease-seconds]");
    return 2;
}

IDurableStore store = args[0] == "sqlite" ? new SqliteDurableStore(args[1]) : new PostgresDurableStore(args[1], args[2]);
var leaseArgument = args[0] == "sqlite" ? 2 : 3;
var lease = TimeSpan.FromSeconds(args.Length > leaseArgument ? double.Parse(args[leaseArgument], System.Globalization.CultureInfo.InvariantCulture) : 60);
await using (store)
{
    await store.InitializeAsync(CancellationToken.None);
    var registry = new DurableTaskRegistry()
        .AddOrchestrator<StepsOrchestrator>(StepsOrchestrator.Name)
        .AddActivity<StepActivity>(StepActivity.Name);
    using var loggers = LoggerFactory.Create(logging => logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning));
    using var worker = new DurableTaskWorker(store, registry, new ServiceCollection().BuildServiceProvider(),
        new DurableTaskWorkerOptions { LeaseDuration = lease, MaxConcurrentActivities = 16, MaxConcurrentOrchestrations = 8 }, loggers);
    using var stop = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) =>
    {
        e.Cancel = true;
        stop.Cancel();
    };
    AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();
    await worker.StartAsync(CancellationToken.None);
    Console.Out.WriteLine("ready");
    Console.Out.Flush();
    try
    {
        await Task.Delay(Timeout.Infinite, stop.Token);
    }
    catch (OperationCanceledException)
    {
        // Asked to stop.
    }

    await worker.StopAsync(CancellationToken.None);
}

return 0;
