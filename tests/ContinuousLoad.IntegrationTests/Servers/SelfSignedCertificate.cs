using System.Diagnostics;

namespace ContinuousLoad.IntegrationTests.Servers;

/// <summary>
/// A throwaway certificate and key for a private server's TLS (openssl, for 127.0.0.1 and localhost),
/// owned by the postgres user as the server requires of its key file.
/// </summary>
public sealed class SelfSignedCertificate : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("continuousload-tls-").FullName;

    public string CertificateFile => Path.Combine(_folder, "server.crt");

    public string KeyFile => Path.Combine(_folder, "server.key");

    public static async Task<SelfSignedCertificate> CreateAsync(CancellationToken cancellationToken)
    {
        var certificate = new SelfSignedCertificate();
        await RunAsync(cancellationToken, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
            "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", "-keyout", certificate.KeyFile, "-out", certificate.CertificateFile);
        await RunAsync(cancellationToken, "chmod", "600", certificate.KeyFile);
        await RunAsync(cancellationToken, "chown", "-R", "postgres:postgres", certificate._folder);
        return certificate;
    }

    private static async Task RunAsync(CancellationToken cancellationToken, string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} failed: {await errors}");
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
