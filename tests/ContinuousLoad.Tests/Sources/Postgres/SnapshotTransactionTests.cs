using ContinuousLoad.Sources.Postgres;
using ContinuousLoad.Sources.Postgres.Snapshot;
using Npgsql;

namespace ContinuousLoad.Tests.Sources.Postgres;

/// <summary>Every way the server says an exported snapshot is gone means the same thing to the caller.</summary>
public sealed class SnapshotTransactionTests
{
    [Theory]
    [InlineData("22023", "invalid snapshot identifier: \"00000003-0000001B-1\"")]
    [InlineData("55000", "could not import the requested snapshot")]
    public void A_vanished_snapshot_is_reported_as_expired(string sqlState, string message)
    {
        var refusal = new PostgresException(message, "ERROR", "ERROR", sqlState);

        var expired = SnapshotTransaction.Expired("00000003-0000001B-1", refusal);

        Assert.True(SnapshotTransaction.IsExpired(refusal));
        Assert.Equal(PostgresSourceError.SnapshotExpired, expired.Error);
        Assert.Contains("Drop the slot and take the snapshot again", expired.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Other_refusals_are_not_taken_for_an_expired_snapshot()
    {
        Assert.False(SnapshotTransaction.IsExpired(new PostgresException("permission denied", "ERROR", "ERROR", "42501")));
    }
}
