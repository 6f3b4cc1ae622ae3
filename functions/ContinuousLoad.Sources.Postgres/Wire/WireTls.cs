using System.Buffers.Binary;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Npgsql;

namespace ContinuousLoad.Sources.Postgres.Wire;

/// <summary>
/// TLS as Npgsql's SSL Mode asks (PostgreSQL docs "SSL Session Encryption"): an SSLRequest, then the
/// server's one-byte 'S' or 'N'. Disable and Allow stay plain; Prefer takes TLS when offered; Require
/// insists on it without checking the certificate (as libpq does); VerifyCA checks the chain; VerifyFull
/// the chain and the host name. Root Certificate names the CA file to trust instead of the system's.
/// </summary>
internal static class WireTls
{
    private const int SslRequestCode = 80877103;

    public static Stream Negotiate(Socket socket, Stream plain, WireSettings settings)
    {
        if (settings.SslMode is SslMode.Disable or SslMode.Allow || socket.AddressFamily == AddressFamily.Unix)
        {
            return plain;
        }

        Span<byte> request = stackalloc byte[8];
        BinaryPrimitives.WriteInt32BigEndian(request, 8);
        BinaryPrimitives.WriteInt32BigEndian(request[4..], SslRequestCode);
        plain.Write(request);
        var answer = plain.ReadByte();
        if (answer == 'N')
        {
            return settings.SslMode == SslMode.Prefer ? plain
                : throw new PostgresSourceException(PostgresSourceError.AuthenticationFailed, $"SSL Mode={settings.SslMode}, but the server at {settings.Host}:{settings.Port} does not offer TLS.");
        }

        if (answer != 'S')
        {
            throw WireErrors.Violation($"the answer to SSLRequest was {answer}, expected 'S' or 'N'");
        }

        var tls = new SslStream(plain, leaveInnerStreamOpen: false, (_, certificate, chain, errors) => Accept(settings, certificate, chain, errors));
        tls.AuthenticateAsClient(new SslClientAuthenticationOptions { TargetHost = settings.Host });
        return tls;
    }

    private static bool Accept(WireSettings settings, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (settings.SslMode is SslMode.Prefer or SslMode.Require)
        {
            return true;
        }

        if (settings.RootCertificate is { } rootFile && certificate is not null)
        {
            using var custom = new X509Chain();
            custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            custom.ChainPolicy.CustomTrustStore.Add(X509CertificateLoader.LoadCertificateFromFile(rootFile));
            custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            var chainOk = custom.Build(X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
            errors = (errors & SslPolicyErrors.RemoteCertificateNameMismatch) | (chainOk ? SslPolicyErrors.None : SslPolicyErrors.RemoteCertificateChainErrors);
        }

        return settings.SslMode == SslMode.VerifyCA ? (errors & ~SslPolicyErrors.RemoteCertificateNameMismatch) == SslPolicyErrors.None : errors == SslPolicyErrors.None;
    }
}
