using ContinuousLoad.Testing;
using Npgsql;
using Npgsql.Replication;

namespace ContinuousLoad.IntegrationTests.Servers;

public sealed class PostgresSmokeTests(PostgresServer postgres)
{
    [Fact(Timeout = 60_000)]
    public async Task Answers_with_logical_replication_enabled()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var connection = new NpgsqlConnection(postgres.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT current_setting('wal_level'), current_setting('server_version_num')::int", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        Assert.True(await reader.ReadAsync(cancellationToken));

        Assert.Equal("logical", reader.GetString(0));
        Assert.True(reader.GetInt32(1) >= 100000, "PostgreSQL 10 or newer has pgoutput");
    }

    [Fact(Timeout = 60_000)]
    public async Task Creates_and_drops_a_logical_replication_slot()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var slot = TestNames.ForCurrentTest("slot", maxLength: 63);
        await using var admin = new NpgsqlConnection(postgres.ConnectionString);
        await admin.OpenAsync(cancellationToken);
        await DropSlotIfExistsAsync(admin, slot, cancellationToken);
        try
        {
            await using (var replication = new LogicalReplicationConnection(postgres.ConnectionString))
            {
                await replication.Open(cancellationToken);
                var created = await replication.CreatePgOutputReplicationSlot(slot, temporarySlot: false, cancellationToken: cancellationToken);
                Assert.Equal(slot, created.Name);
                Assert.NotEqual(default, created.ConsistentPoint);
            }

            Assert.Equal("pgoutput", await SlotPluginAsync(admin, slot, cancellationToken));

            await using (var replication = new LogicalReplicationConnection(postgres.ConnectionString))
            {
                await replication.Open(cancellationToken);
                await replication.DropReplicationSlot(slot, cancellationToken: cancellationToken);
            }

            Assert.Null(await SlotPluginAsync(admin, slot, cancellationToken));
        }
        finally
        {
            await DropSlotIfExistsAsync(admin, slot, CancellationToken.None);
        }
    }

    private static async Task<string?> SlotPluginAsync(NpgsqlConnection connection, string slot, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT plugin FROM pg_replication_slots WHERE slot_name = $1", connection)
        {
            Parameters = { new() { Value = slot } },
        };
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    private static async Task DropSlotIfExistsAsync(NpgsqlConnection connection, string slot, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1", connection)
        {
            Parameters = { new() { Value = slot } },
        };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
