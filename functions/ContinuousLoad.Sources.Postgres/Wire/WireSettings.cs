using Npgsql;

namespace ContinuousLoad.Sources.Postgres.Wire;

/// <summary>
/// What a <see cref="WireConnection"/> needs, read from the same Npgsql connection string the rest of the
/// source uses, so one string configures every connection. Settings the wire client does not implement
/// (several hosts, Kerberos, client certificates) are refused by name rather than ignored.
/// </summary>
internal sealed record WireSettings(
    string Host,
    int Port,
    string User,
    string? Password,
    string Database,
    string? ApplicationName,
    string? Options,
    SslMode SslMode,
    string? RootCertificate,
    TimeSpan ConnectTimeout,
    TimeSpan ReadTimeout)
{
    public static WireSettings Parse(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var host = builder.Host ?? throw new ArgumentException("The connection string names no Host.", nameof(connectionString));
        if (host.Contains(',', StringComparison.Ordinal))
        {
            throw new NotSupportedException($"Snapshot reads connect to one host; the connection string names several ('{host}').");
        }

        if (builder.SslCertificate is not null || builder.SslKey is not null || builder.KerberosServiceName != "postgres")
        {
            throw new NotSupportedException("Snapshot reads authenticate by password (or trust) only: client certificates and Kerberos are not supported.");
        }

        var user = builder.Username ?? Environment.GetEnvironmentVariable("PGUSER") ?? Environment.UserName;
        return new WireSettings(
            host,
            builder.Port,
            user,
            builder.Password ?? Environment.GetEnvironmentVariable("PGPASSWORD"),
            builder.Database ?? user,
            builder.ApplicationName,
            builder.Options,
            builder.SslMode,
            builder.RootCertificate,
            builder.Timeout == 0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromSeconds(builder.Timeout),
            builder.CommandTimeout == 0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromSeconds(builder.CommandTimeout));
    }
}
