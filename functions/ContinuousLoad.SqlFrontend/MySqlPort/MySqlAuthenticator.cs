using ContinuousLoad.MySql.Wire;
using ContinuousLoad.MySql.Wire.Authentication;

namespace ContinuousLoad.SqlFrontend.MySqlPort;

/// <summary>
/// Checks a client's answer to the scramble with the plugin it chose: mysql_native_password (the default, as Doris), or
/// caching_sha2_password (MySQL 8 clients' default), whose fast path always decides here, since the port holds every
/// account's SHA256 digest — the full path's cleartext or RSA exchange is never needed. Any other plugin is switched to
/// mysql_native_password, and a client that answered nothing for a plugin it did not expect the greeting to name is
/// asked again with the scramble (an AuthSwitchRequest to its own plugin). The password is never sent or kept in
/// clear, and an unknown user costs the same work as a wrong password.
/// </summary>
internal static class MySqlAuthenticator
{
    private static readonly MySqlAccount Nobody = new("", NativePassword.Digest("\0nobody\0"), CachingSha2Password.Digest("\0nobody\0"));

    /// <summary>The account signed in (null: refused), and whether the client sent a password, as the refusal says.</summary>
    public static async Task<(MySqlAccount? Account, bool UsedPassword)> AuthenticateAsync(PacketChannel channel, PayloadWriter payload,
        ClientResponse response, byte[] scramble, IMySqlAccounts accounts, CancellationToken cancellationToken)
    {
        var found = accounts.Find(response.User);
        var account = found ?? Nobody;
        var plugin = response.Plugin ?? NativePassword.PluginName;
        var answer = response.AuthResponse;
        var known = plugin is NativePassword.PluginName or CachingSha2Password.PluginName;
        if (!known || (answer.Length == 0 && account.NativeDigest.Length > 0))
        {
            plugin = known ? plugin : NativePassword.PluginName;
            await channel.WritePayloadAsync(MySqlHandshake.SwitchTo(payload.Clear(), plugin, scramble), cancellationToken);
            answer = (await channel.ReadPayloadAsync(cancellationToken)).ToArray();
        }

        var verified = plugin == NativePassword.PluginName
            ? NativePassword.Verify(answer, scramble, account.NativeDigest)
            : CachingSha2Password.VerifyFast(answer, scramble, account.Sha256Digest);
        if (verified && plugin == CachingSha2Password.PluginName && answer.Length > 0)
        {
            await channel.WritePayloadAsync(payload.Clear().Write(0x01).Write(CachingSha2Password.FastAuthSuccess), cancellationToken);
        }

        return (verified && found is not null ? found : null, answer.Length > 0);
    }
}
