using System.Security.Cryptography;
using ContinuousLoad.MySql.Wire.Authentication;
using ContinuousLoad.Sources.MySql.Authentication;

namespace ContinuousLoad.Tests.Sources.MySql;

/// <summary>
/// The auth computations against known answers: native and caching_sha2 scrambles computed independently
/// (Python hashlib) for password "secret" and scramble 01..14; Ed25519 against RFC 8032 section 7.1.
/// </summary>
public sealed class AuthenticationScrambleTests
{
    private static readonly byte[] Scramble = [.. Enumerable.Range(1, 20).Select(i => (byte)i)];

    [Fact]
    public void Native_password_scramble_matches_the_known_answer() =>
        Assert.Equal(Convert.FromHexString("b32bb3a583e1340c0a1108d58b1be49781ad8c2f"), NativePassword.Scramble("secret", Scramble));

    [Fact]
    public void Caching_sha2_scramble_matches_the_known_answer() =>
        Assert.Equal(Convert.FromHexString("746ebe205d56a0707acb3e796e834e0dd7b1d61743b26bd5202c7a623230c7c9"), CachingSha2Password.Scramble("secret", Scramble));

    [Fact]
    public void Empty_passwords_send_empty_answers()
    {
        Assert.Empty(NativePassword.Scramble("", Scramble));
        Assert.Empty(CachingSha2Password.Scramble("", Scramble));
    }

    [Fact]
    public void The_native_answer_passes_the_servers_check()
    {
        // The server stores SHA1(SHA1(pw)) and accepts when SHA1(answer XOR SHA1(scramble + stored)) == stored.
        var stored = SHA1.HashData(SHA1.HashData("secret"u8));
        var answer = NativePassword.Scramble("secret", Scramble);
        var mask = SHA1.HashData([.. Scramble, .. stored]);

        Assert.Equal(stored, SHA1.HashData(answer.Select((b, i) => (byte)(b ^ mask[i])).ToArray()));
    }

    [Theory]
    [InlineData("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60", "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b")]
    [InlineData("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb", "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
        "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00")]
    [InlineData("c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7", "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
        "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a")]
    public void Ed25519_signs_the_RFC_8032_test_vectors(string secret, string publicKey, string message, string signature)
    {
        var key = Convert.FromHexString(secret);

        Assert.Equal(publicKey, Convert.ToHexStringLower(Ed25519.PublicKey(key)));
        Assert.Equal(signature, Convert.ToHexStringLower(Ed25519.Sign(key, Convert.FromHexString(message))));
    }

    [Fact]
    public void The_rsa_payload_is_the_nul_terminated_password_xor_the_scramble()
    {
        using var rsa = RSA.Create(2048);

        var encrypted = CachingSha2Password.EncryptPassword("pässword-longer-than-twenty", Scramble, rsa.ExportSubjectPublicKeyInfoPem());

        Assert.Equal(CachingSha2Password.ObfuscatedPassword("pässword-longer-than-twenty", Scramble), rsa.Decrypt(encrypted, RSAEncryptionPadding.OaepSHA1));
        Assert.Equal((byte)('p' ^ 1), CachingSha2Password.ObfuscatedPassword("p", Scramble)[0]);
        Assert.Equal((byte)(0 ^ 2), CachingSha2Password.ObfuscatedPassword("p", Scramble)[1]);
    }
}
