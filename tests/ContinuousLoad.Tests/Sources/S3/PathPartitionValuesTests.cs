using ContinuousLoad.Sources.S3;

namespace ContinuousLoad.Tests.Sources.S3;

public sealed class PathPartitionValuesTests
{
    [Fact]
    public void Values_come_from_name_equals_value_folders_decoded_and_missing_ones_are_null() =>
        Assert.Equal<IEnumerable<string?>>(["2024-01-02", "eu west", null],
            PathPartitionValues.Of("logs/DT=2024-01-02/region=eu%20west/part=1.csv", ["dt", "region", "part"]));

    [Fact]
    public void A_file_name_is_not_a_folder() =>
        Assert.Equal<IEnumerable<string?>>([null], PathPartitionValues.Of("k=v.csv", ["k"]));
}
