using System.Text;
using ContinuousLoad.MySql.Wire;
using ContinuousLoad.Sources.MySql.Protocol;

namespace ContinuousLoad.Tests.Sources.MySql;

/// <summary>Payloads a server sends, built byte by byte from the protocol documentation's layouts.</summary>
public static class ServerPackets
{
    public static readonly byte[] Scramble = [.. Enumerable.Range(1, 20).Select(i => (byte)i)];

    public const CapabilityFlags MySql8Capabilities =
        CapabilityFlags.LongPassword | CapabilityFlags.FoundRows | CapabilityFlags.LongFlag | CapabilityFlags.ConnectWithDatabase |
        CapabilityFlags.Protocol41 | CapabilityFlags.Transactions | CapabilityFlags.SecureConnection | CapabilityFlags.MultiStatements |
        CapabilityFlags.MultiResults | CapabilityFlags.PluginAuth | CapabilityFlags.ConnectAttributes |
        CapabilityFlags.PluginAuthLengthEncodedClientData | CapabilityFlags.SessionTrack | CapabilityFlags.DeprecateEof;

    /// <summary>Protocol::HandshakeV10 as MySQL 8 sends it.</summary>
    public static byte[] Greeting(string plugin, CapabilityFlags capabilities = MySql8Capabilities, string version = "8.0.36")
    {
        var bytes = new List<byte> { 10 };
        bytes.AddRange(Encoding.ASCII.GetBytes(version));
        bytes.Add(0);
        bytes.AddRange(BitConverter.GetBytes(42u));
        bytes.AddRange(Scramble.Take(8));
        bytes.Add(0);
        bytes.AddRange(BitConverter.GetBytes((ushort)capabilities));
        bytes.Add(255); // utf8mb4_0900_ai_ci
        bytes.AddRange(BitConverter.GetBytes((ushort)2));
        bytes.AddRange(BitConverter.GetBytes((ushort)((uint)capabilities >> 16)));
        bytes.Add(21);
        bytes.AddRange(new byte[10]);
        bytes.AddRange(Scramble.Skip(8));
        bytes.Add(0);
        bytes.AddRange(Encoding.ASCII.GetBytes(plugin));
        bytes.Add(0);
        return [.. bytes];
    }

    public static byte[] Ok(ushort status = 2) => [0x00, 0x00, 0x00, (byte)status, (byte)(status >> 8), 0x00, 0x00];

    public static byte[] Error(ushort code, string state, string message) =>
        [0xFF, (byte)code, (byte)(code >> 8), (byte)'#', .. Encoding.ASCII.GetBytes(state), .. Encoding.UTF8.GetBytes(message)];

    public static byte[] AuthMoreData(params byte[] data) => [0x01, .. data];

    /// <summary>A ColumnDefinition41 for a column of table t.</summary>
    public static byte[] Column(string name, byte type, ushort collation = 45, ushort flags = 0, uint length = 11, byte decimals = 0)
    {
        var bytes = new List<byte>();
        foreach (var text in new[] { "def", "db", "t", "t", name, name })
        {
            bytes.Add((byte)text.Length);
            bytes.AddRange(Encoding.ASCII.GetBytes(text));
        }

        bytes.Add(0x0C);
        bytes.AddRange(BitConverter.GetBytes(collation));
        bytes.AddRange(BitConverter.GetBytes(length));
        bytes.Add(type);
        bytes.AddRange(BitConverter.GetBytes(flags));
        bytes.Add(decimals);
        bytes.AddRange(new byte[2]);
        return [.. bytes];
    }

    /// <summary>A text row: each value a length-prefixed string, null as 0xFB.</summary>
    public static byte[] Row(params string?[] values)
    {
        var bytes = new List<byte>();
        foreach (var value in values)
        {
            if (value is null)
            {
                bytes.Add(0xFB);
                continue;
            }

            var text = Encoding.UTF8.GetBytes(value);
            bytes.Add((byte)text.Length);
            bytes.AddRange(text);
        }

        return [.. bytes];
    }
}
