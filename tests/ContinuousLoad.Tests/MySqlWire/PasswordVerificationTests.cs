using ContinuousLoad.MySql.Wire.Authentication;

namespace ContinuousLoad.Tests.MySqlWire;

/// <summary>
/// The server's side of both password plugins against the client's side: an answer the client computes from the right
/// password verifies against the digest the server keeps; a wrong password, a truncated answer or a missing one does not.
/// </summary>
public sealed class PasswordVerificationTests
{
    private static readonly byte[] Scramble = [.. Enumerable.Range(1, 20).Select(i => (byte)(i * 3))];

    [Theory]
    [InlineData("secret")]
    [InlineData("pässwörd with spaces")]
    public void A_native_answer_verifies_only_for_the_right_password(string password)
    {
        var digest = NativePassword.Digest(password);

        Assert.True(NativePassword.Verify(NativePassword.Scramble(password, Scramble), Scramble, digest));
        Assert.False(NativePassword.Verify(NativePassword.Scramble(password + "x", Scramble), Scramble, digest));
        Assert.False(NativePassword.Verify(NativePassword.Scramble(password, Scramble)[..19], Scramble, digest));
        Assert.False(NativePassword.Verify([], Scramble, digest));
        Assert.False(NativePassword.Verify(NativePassword.Scramble(password, Scramble), [.. Scramble.Reverse()], digest));
    }

    [Fact]
    public void A_caching_sha2_fast_answer_verifies_only_for_the_right_password()
    {
        var digest = CachingSha2Password.Digest("secret");

        Assert.True(CachingSha2Password.VerifyFast(CachingSha2Password.Scramble("secret", Scramble), Scramble, digest));
        Assert.False(CachingSha2Password.VerifyFast(CachingSha2Password.Scramble("Secret", Scramble), Scramble, digest));
        Assert.False(CachingSha2Password.VerifyFast([], Scramble, digest));
    }

    [Fact]
    public void An_account_without_a_password_takes_only_an_empty_answer()
    {
        Assert.Empty(NativePassword.Digest(""));
        Assert.True(NativePassword.Verify([], Scramble, NativePassword.Digest("")));
        Assert.False(NativePassword.Verify(NativePassword.Scramble("x", Scramble), Scramble, NativePassword.Digest("")));
        Assert.True(CachingSha2Password.VerifyFast([], Scramble, CachingSha2Password.Digest("")));
    }

    [Fact]
    public void A_password_sent_rsa_encrypted_is_read_back()
    {
        using var key = System.Security.Cryptography.RSA.Create(2048);
        var encrypted = CachingSha2Password.EncryptPassword("secret", Scramble, key.ExportSubjectPublicKeyInfoPem());

        Assert.Equal("secret", CachingSha2Password.DecryptPassword(encrypted, Scramble, key));
    }
}
