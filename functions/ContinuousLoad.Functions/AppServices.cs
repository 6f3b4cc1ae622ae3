using ContinuousLoad.Functions.Authentication;
using ContinuousLoad.Functions.Configuration;
using ContinuousLoad.Functions.Jobs;
using ContinuousLoad.Functions.StreamLoad;
using ContinuousLoad.Functions.Tables;
using ContinuousLoad.Ingest.ErrorLogs;
using ContinuousLoad.Sql.Sessions;
using ContinuousLoad.SqlFrontend.MySqlPort;
using ContinuousLoad.SqlFrontend.Statements;

namespace ContinuousLoad.Functions;

/// <summary>What the functions use, the same under either host: settings, users, the table store, error logs, limits, the label sweep and jobs.</summary>
public static class AppServices
{
    /// <param name="publicUrl">Where the app is reached (for the ErrorURL links it hands out).</param>
    public static IServiceCollection AddContinuousLoad(this IServiceCollection services, IConfiguration configuration, ContinuousLoadSettings settings,
        string publicUrl)
    {
        services.AddSingleton(settings);
        services.AddSingleton(new UserDirectory(settings.Users));
        services.AddSingleton<IMySqlAccounts>(provider => provider.GetRequiredService<UserDirectory>());
        services.AddSingleton<TableStoreProvider>();
        services.AddSingleton(new ErrorLogFolder(settings.ErrorLogDirectory));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new GlobalVariables(settings.Limits.Variables));
        services.AddSingleton(new StreamLoadGate(settings.Limits.MaxConcurrentStreamLoads));
        services.AddSingleton<LabelSweep>();
        services.AddStreamingJobs(configuration, settings, publicUrl);
        services.AddSingleton(provider => ActivatorUtilities.CreateInstance<StatementRunner>(provider, settings.Limits.Sql));
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
        return services;
    }
}
