namespace ContinuousLoad.Functions.Http;

/// <summary>
/// The process-level net under the per-request one (<see cref="UnhandledErrorMiddleware"/>): a failed
/// background task nobody awaited is logged once and the process carries on; a background service that
/// fails is logged by the host and the others keep running (<see cref="BackgroundServiceExceptionBehavior.Ignore"/>);
/// an exception that still escapes to the runtime (it ends the process; .NET allows nothing else) is at
/// least logged with what happens next. docs/operations.md lists what can still stop the process.
/// </summary>
public static class ProcessGuard
{
    public static void AddProcessGuard(this IServiceCollection services) =>
        services.Configure<HostOptions>(options => options.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.Ignore);

    /// <summary>Watches from the app's start to its stop (several apps may live in one test process, one after another).</summary>
    public static void UseProcessGuard(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ProcessGuard));

        void Unobserved(object? sender, UnobservedTaskExceptionEventArgs e)
        {
            HostLog.UnobservedTaskFailure(logger, e.Exception);
            e.SetObserved();
        }

        void Unhandled(object? sender, UnhandledExceptionEventArgs e)
        {
            if (e.ExceptionObject is Exception exception)
            {
                HostLog.ProcessEnding(logger, exception);
            }
        }

        TaskScheduler.UnobservedTaskException += Unobserved;
        AppDomain.CurrentDomain.UnhandledException += Unhandled;
        app.Lifetime.ApplicationStopped.Register(() =>
        {
            TaskScheduler.UnobservedTaskException -= Unobserved;
            AppDomain.CurrentDomain.UnhandledException -= Unhandled;
        });
    }
}
