using ContinuousLoad.IntegrationTests.Servers;
using ContinuousLoad.Sources.Postgres;
using ContinuousLoad.Sources.Postgres.Replication;
using ContinuousLoad.Sources.Postgres.Streaming;
using Npgsql;

namespace ContinuousLoad.IntegrationTests.Sources.Postgres;

/// <summary>Slots and publications: ours created and dropped, the user's verified and left alone, and clear refusals.</summary>
public sealed class SlotAndPublicationTests(PostgresServer postgres)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact(Timeout = 60_000)]
    public async Task Owned_slot_and_publication_take_derived_names_and_are_dropped()
    {
        await using var scope = await PostgresScope.CreateAsync(postgres.ConnectionString, Token);
        var table = scope.Table();
        await scope.ExecuteAsync($"CREATE TABLE {table.Quoted} (id int PRIMARY KEY)", Token);
        var source = scope.Source([table]);

        await source.PrepareAsync(Token);
        await using (var snapshot = await source.CreateSlotAsync(Token))
        {
            Assert.Equal(ReplicationNames.SlotFor(scope.OwnerId), snapshot.SlotName);
            Assert.NotEmpty(snapshot.SnapshotName);
        }

        var publication = ReplicationNames.PublicationFor(scope.OwnerId);
        Assert.True(await scope.ScalarAsync<bool>($"SELECT pubviaroot FROM pg_publication WHERE pubname = '{publication}'", Token));
        Assert.Equal(table.Name, await scope.ScalarAsync<string>($"SELECT tablename FROM pg_publication_tables WHERE pubname = '{publication}'", Token));
        Assert.Equal("pgoutput", (await source.FindSlotAsync(Token))?.Plugin);
        await Assert.ThrowsAsync<InvalidOperationException>(() => source.CreateSlotAsync(Token));

        await source.DropOwnedAsync(Token);

        Assert.Null(await source.FindSlotAsync(Token));
        Assert.Equal(0L, await scope.ScalarAsync<long>($"SELECT count(*) FROM pg_publication WHERE pubname = '{publication}'", Token));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_users_slot_and_publication_are_verified_and_never_dropped()
    {
        await using var scope = await PostgresScope.CreateAsync(postgres.ConnectionString, Token);
        var (table, uncovered) = (scope.Table(), scope.Table("_b"));
        var (slot, publication) = (scope.TrackSlot(scope.Name + "_user"), scope.TrackPublication(scope.Name + "_userpub"));
        await scope.ExecuteAsync($"CREATE TABLE {table.Quoted} (id int PRIMARY KEY); CREATE TABLE {uncovered.Quoted} (id int PRIMARY KEY)", Token);
        var target = ReplicationTarget.UserSupplied(slot, publication);

        var missingPublication = await Assert.ThrowsAsync<PostgresSourceException>(() => scope.Source([table], target: target).PrepareAsync(Token));
        await scope.ExecuteAsync($"CREATE PUBLICATION {publication} FOR TABLE {table.Quoted}", Token);
        var notCovered = await Assert.ThrowsAsync<PostgresSourceException>(() => scope.Source([table, uncovered], target: target).PrepareAsync(Token));
        var missingSlot = await Assert.ThrowsAsync<PostgresSourceException>(() => scope.Source([table], target: target).PrepareAsync(Token));
        await scope.ExecuteAsync($"SELECT pg_create_logical_replication_slot('{slot}', 'pgoutput')", Token);
        var source = scope.Source([table], target: target);
        await source.PrepareAsync(Token);
        await source.DropOwnedAsync(Token);

        Assert.Equal(PostgresSourceError.PublicationMissing, missingPublication.Error);
        Assert.Equal(PostgresSourceError.PublicationDoesNotCoverTable, notCovered.Error);
        Assert.Contains(uncovered.Name, notCovered.Message, StringComparison.Ordinal);
        Assert.Equal(PostgresSourceError.SlotMissing, missingSlot.Error);
        Assert.NotNull(await source.FindSlotAsync(Token));
        Assert.Equal(1L, await scope.ScalarAsync<long>($"SELECT count(*) FROM pg_publication WHERE pubname = '{publication}'", Token));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_slot_being_read_is_refused_as_in_use()
    {
        await using var scope = await PostgresScope.CreateAsync(postgres.ConnectionString, Token);
        var table = scope.Table();
        await scope.ExecuteAsync($"CREATE TABLE {table.Quoted} (id int PRIMARY KEY)", Token);
        var source = scope.Source([table]);
        await source.PrepareAsync(Token);
        await (await source.CreateSlotAsync(Token)).DisposeAsync();
        var late = await source.OpenStreamAsync(Token);
        var first = await source.OpenStreamAsync(Token);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var reading = Task.Run(
            async () =>
            {
                await foreach (var _ in first.ReadAsync(null, stop.Token))
                {
                }
            },
            Token);
        while ((await source.FindSlotAsync(Token))?.ActivePid is null)
        {
            await Task.Delay(50, Token);
        }

        var preflight = await Assert.ThrowsAsync<PostgresSourceException>(() => source.OpenStreamAsync(Token));
        var server = await Assert.ThrowsAsync<PostgresSourceException>(async () => await late.ReadAsync(null, Token).GetAsyncEnumerator(Token).MoveNextAsync());
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading);

        Assert.Equal(PostgresSourceError.SlotInUse, preflight.Error);
        Assert.Contains("active_pid", preflight.Message, StringComparison.Ordinal);
        Assert.Equal((PostgresSourceError.SlotInUse, "55006"), (server.Error, server.SqlState));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_role_without_replication_is_told_to_get_it()
    {
        await using var scope = await PostgresScope.CreateAsync(postgres.ConnectionString, Token);
        var (table, role) = (scope.Table(), "role_" + scope.Name); // names starting pg_ are reserved for roles
        scope.DropAtCleanup($"DO $$BEGIN IF EXISTS (SELECT FROM pg_roles WHERE rolname = '{role}') THEN DROP OWNED BY {role}; DROP ROLE {role}; END IF; END$$");
        await scope.ExecuteAsync($"DROP ROLE IF EXISTS {role}; CREATE ROLE {role} LOGIN; CREATE TABLE {table.Quoted} (id int PRIMARY KEY); GRANT SELECT ON {table.Quoted} TO {role}", Token);
        var connection = new NpgsqlConnectionStringBuilder(postgres.ConnectionString) { Username = role }.ConnectionString;
        var source = new PostgresSource(new PostgresSourceOptions(connection, [table], ReplicationTarget.ForOwner(scope.OwnerId)));

        var refused = await Assert.ThrowsAsync<PostgresSourceException>(() => source.PrepareAsync(Token));
        var stream = new ChangeStream(connection, source.Types, "no_such_slot", "no_such_pub", new ChangeStreamOptions { ReconnectFor = TimeSpan.Zero });
        var walsender = await Assert.ThrowsAsync<PostgresSourceException>(async () => await stream.ReadAsync(null, Token).GetAsyncEnumerator(Token).MoveNextAsync());

        Assert.Equal(PostgresSourceError.MissingReplicationPrivilege, refused.Error);
        Assert.Contains("WITH REPLICATION", refused.Message, StringComparison.Ordinal);
        Assert.Equal(PostgresSourceError.MissingReplicationPrivilege, walsender.Error);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_server_without_logical_wal_is_refused_with_the_setting_to_change()
    {
        await using var server = await PrivatePostgresServer.StartAsync("-c wal_level=replica", Token);
        await using var scope = await PostgresScope.CreateAsync(server.ConnectionString, Token);
        var table = scope.Table();
        await scope.ExecuteAsync($"CREATE TABLE {table.Quoted} (id int PRIMARY KEY)", Token);
        var source = scope.Source([table]);

        var refused = await Assert.ThrowsAsync<PostgresSourceException>(() => source.PrepareAsync(Token));
        var slot = await Assert.ThrowsAsync<PostgresSourceException>(() => source.CreateSlotAsync(Token));

        Assert.Equal((PostgresSourceError.WalLevelNotLogical, PostgresSourceError.WalLevelNotLogical), (refused.Error, slot.Error));
        Assert.Contains("wal_level = logical", refused.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_server_out_of_slots_is_refused_with_the_setting_to_change()
    {
        await using var server = await PrivatePostgresServer.StartAsync("-c max_replication_slots=1", Token);
        await using var scope = await PostgresScope.CreateAsync(server.ConnectionString, Token);
        var table = scope.Table();
        var other = scope.TrackSlot(scope.Name + "_other");
        await scope.ExecuteAsync($"CREATE TABLE {table.Quoted} (id int PRIMARY KEY)", Token);
        await scope.ExecuteAsync($"SELECT pg_create_logical_replication_slot('{other}', 'pgoutput')", Token);
        var source = scope.Source([table]);
        await source.PrepareAsync(Token);

        var refused = await Assert.ThrowsAsync<PostgresSourceException>(() => source.CreateSlotAsync(Token));

        Assert.Equal(PostgresSourceError.TooManySlots, refused.Error);
        Assert.Contains("max_replication_slots", refused.Message, StringComparison.Ordinal);
    }
}
