using System.Data.Common;
using Npgsql;

namespace ContinuousLoad.Sources.Postgres;

/// <summary>
/// Every connection of the source (replication and snapshot alike) runs with the same output settings,
/// so a value's text is the same whether it came from a snapshot chunk or from pgoutput, and the text
/// decoders can rely on one format: ISO dates, UTC zone, shortest-exact floats, hex bytea.
/// </summary>
internal static class SessionSettings
{
    private const string Options =
        "-c DateStyle=ISO,YMD -c IntervalStyle=postgres -c TimeZone=UTC -c extra_float_digits=1 -c bytea_output=hex -c standard_conforming_strings=on -c client_encoding=UTF8";

    /// <summary>
    /// Npgsql reads a socket through its read buffer, 8 KB unless the connection string names another size.
    /// The walsender sends every message on its own as soon as it is decoded; read 8 KB at a time, a
    /// million changes usually cost the walsender about 7 s of CPU instead of 4.5 s and took about 1.4x
    /// as long as read 256 KB at a time (docs/benchmarks.md).
    /// </summary>
    internal const int ReplicationReadBufferSize = 256 * 1024;

    public static string Apply(string connectionString, string applicationName) => Builder(connectionString, applicationName).ConnectionString;

    /// <summary>The replication connection: the same settings, and a larger read buffer unless the connection string names one.</summary>
    public static string ApplyToReplication(string connectionString)
    {
        var builder = Builder(connectionString, "continuousload-replication");
        var named = new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Any(key => key.Replace(" ", "", StringComparison.Ordinal).Equals("ReadBufferSize", StringComparison.OrdinalIgnoreCase));
        if (!named)
        {
            builder.ReadBufferSize = ReplicationReadBufferSize;
        }

        return builder.ConnectionString;
    }

    private static NpgsqlConnectionStringBuilder Builder(string connectionString, string applicationName)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.Options = string.IsNullOrWhiteSpace(builder.Options) ? Options : builder.Options + " " + Options;
        builder.ApplicationName ??= applicationName;
        return builder;
    }
}
