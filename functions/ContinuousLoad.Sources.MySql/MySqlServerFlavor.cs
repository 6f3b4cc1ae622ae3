namespace ContinuousLoad.Sources.MySql;

/// <summary>Which server family answered: their binlogs, GTIDs and auth plugins differ.</summary>
public enum MySqlServerFlavor
{
    MySql,
    MariaDb,
}
