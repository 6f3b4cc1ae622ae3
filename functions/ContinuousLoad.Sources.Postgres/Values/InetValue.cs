using System.Net;

namespace ContinuousLoad.Sources.Postgres.Values;

/// <summary>
/// An inet or cidr value: an address and its prefix length. Not <see cref="IPNetwork"/>, because an
/// inet may keep host bits under its mask (192.168.1.5/24).
/// </summary>
public readonly record struct InetValue(IPAddress Address, int PrefixLength)
{
    public override string ToString() =>
        PrefixLength == (Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128)
            ? Address.ToString()
            : $"{Address}/{PrefixLength.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}
