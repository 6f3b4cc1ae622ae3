namespace ContinuousLoad.MySql.Wire;

/// <summary>
/// Client/server capability bits (MySQL Client/Server Protocol, "Capability Flags"). MariaDB 10.2+
/// clears <see cref="LongPassword"/> in its greeting (its "CLIENT_MYSQL" bit) and carries extended
/// MariaDB-only capabilities in the greeting's reserved bytes, which this client does not request.
/// </summary>
[Flags]
public enum CapabilityFlags : uint
{
    None = 0,
    LongPassword = 1,
    FoundRows = 2,
    LongFlag = 4,
    ConnectWithDatabase = 8,
    NoSchema = 0x10,
    Compress = 0x20,
    Odbc = 0x40,
    LocalFiles = 0x80,
    IgnoreSpace = 0x100,
    Protocol41 = 0x200,
    Interactive = 0x400,
    Ssl = 0x800,
    IgnoreSigpipe = 0x1000,
    Transactions = 0x2000,
    Reserved = 0x4000,
    SecureConnection = 0x8000,
    MultiStatements = 0x1_0000,
    MultiResults = 0x2_0000,
    PreparedStatementMultiResults = 0x4_0000,
    PluginAuth = 0x8_0000,
    ConnectAttributes = 0x10_0000,
    PluginAuthLengthEncodedClientData = 0x20_0000,
    CanHandleExpiredPasswords = 0x40_0000,
    SessionTrack = 0x80_0000,
    DeprecateEof = 0x100_0000,
}
