using System.Security.Cryptography;
using System.Text;
using ContinuousLoad.Jobs.Definitions;
using ContinuousLoad.Tables.Catalog;

namespace ContinuousLoad.Jobs.Secrets;

/// <summary>
/// Keeps a job's secrets (<c>s3.secret_key</c>, session tokens, passwords) sealed wherever the job is
/// stored: its orchestration's input, state and history — SQLite rows, Azure Storage tables and queues —
/// hold each secret only as <c>sealed:v1:&lt;nonce, ciphertext, tag&gt;</c>, AES-256-GCM under the host's
/// <see cref="SecretKey"/>, bound to the parameter it belongs to. Activities open the definition in
/// memory just before they reach the source; nothing opened is ever written.
/// </summary>
public sealed class JobSecrets(SecretKey key)
{
    private const string Prefix = "sealed:v1:";
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    /// <summary>The definition with every secret parameter sealed (already sealed ones stay as they are).</summary>
    public JobDefinition Seal(JobDefinition definition) => Rewrite(definition, (name, value) => value.StartsWith(Prefix, StringComparison.Ordinal) ? value : Seal(name, value));

    /// <summary>The definition with its secrets in the clear, for the moment a source is reached.</summary>
    /// <exception cref="DorisException">A secret was sealed under another key (the hosts' keys differ) or was altered.</exception>
    public JobDefinition Open(JobDefinition definition) => Rewrite(definition, (name, value) => value.StartsWith(Prefix, StringComparison.Ordinal) ? Open(name, value) : value);

    /// <summary>Whether <paramref name="text"/> holds a sealed secret.</summary>
    public static bool IsSealed(string text) => text.Contains(Prefix, StringComparison.Ordinal);

    private static JobDefinition Rewrite(JobDefinition definition, Func<string, string, string> secret) =>
        definition with { BodySql = SecretParameters.Replace(definition.BodySql, secret) };

    private string Seal(string name, string value)
    {
        var plain = Encoding.UTF8.GetBytes(value);
        var sealedBytes = new byte[NonceBytes + plain.Length + TagBytes];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key.Key, TagBytes);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceBytes, plain.Length), sealedBytes.AsSpan(NonceBytes + plain.Length), Bound(name));
        return Prefix + Convert.ToBase64String(sealedBytes);
    }

    private string Open(string name, string value)
    {
        try
        {
            var sealedBytes = Convert.FromBase64String(value[Prefix.Length..]);
            var plain = new byte[sealedBytes.Length - NonceBytes - TagBytes];
            using var aes = new AesGcm(key.Key, TagBytes);
            aes.Decrypt(sealedBytes.AsSpan(0, NonceBytes), sealedBytes.AsSpan(NonceBytes, plain.Length), sealedBytes.AsSpan(NonceBytes + plain.Length), plain,
                Bound(name));
            return Encoding.UTF8.GetString(plain);
        }
        catch (Exception e) when (e is AuthenticationTagMismatchException or FormatException or OverflowException or ArgumentException)
        {
            throw new DorisException($"The job's {name} cannot be opened: it was sealed with another secret key (ContinuousLoad:Secrets:Key differs between hosts) " +
                                     "or was changed; set the key it was sealed with, or ALTER the job with the secret again");
        }
    }

    /// <summary>A sealed value opens only as the parameter it was sealed for.</summary>
    private static byte[] Bound(string name) => Encoding.UTF8.GetBytes(name.Trim().ToLowerInvariant());
}
