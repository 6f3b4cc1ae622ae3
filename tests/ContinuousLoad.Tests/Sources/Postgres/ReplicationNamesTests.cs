using ContinuousLoad.Sources.Postgres.Replication;

namespace ContinuousLoad.Tests.Sources.Postgres;

public sealed class ReplicationNamesTests
{
    [Fact]
    public void Derived_names_are_valid_identifiers_that_keep_the_owner_readable()
    {
        var slot = ReplicationNames.SlotFor("Job-42/orders");
        var publication = ReplicationNames.PublicationFor("Job-42/orders");

        Assert.StartsWith("cl_job_42_orders_", slot, StringComparison.Ordinal);
        Assert.StartsWith("clpub_job_42_orders_", publication, StringComparison.Ordinal);
        Assert.True(ReplicationNames.IsValidSlotName(slot));
        Assert.True(ReplicationNames.IsValidSlotName(publication));
    }

    [Fact]
    public void Long_owner_ids_are_cut_to_63_characters_and_still_told_apart()
    {
        var first = ReplicationNames.SlotFor(new string('a', 200) + "1");
        var second = ReplicationNames.SlotFor(new string('a', 200) + "2");

        Assert.Equal(63, first.Length);
        Assert.NotEqual(first, second);
        Assert.True(ReplicationNames.IsValidSlotName(first));
    }

    [Fact]
    public void Owners_that_read_the_same_get_different_names()
    {
        Assert.NotEqual(ReplicationNames.SlotFor("a-b"), ReplicationNames.SlotFor("a_b"));
        Assert.Equal(ReplicationNames.SlotFor("a-b"), ReplicationNames.SlotFor("a-b"));
    }

    [Theory]
    [InlineData("ok_slot_1", true)]
    [InlineData("Upper", false)]
    [InlineData("with-dash", false)]
    [InlineData("", false)]
    public void Slot_name_rule(string name, bool valid)
    {
        Assert.Equal(valid, ReplicationNames.IsValidSlotName(name));
        if (!valid)
        {
            Assert.Throws<ArgumentException>(() => ReplicationTarget.UserSupplied(name, "pub"));
        }
    }
}
