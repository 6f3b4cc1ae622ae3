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

    public static string Apply(string connectionString, string applicationName)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.Options = string.IsNullOrWhiteSpace(builder.Options) ? Options : builder.Options + " " + Options;
        builder.ApplicationName ??= applicationName;
        return builder.ConnectionString;
    }
}
