using System.Text;
using ContinuousLoad.Sources.Postgres;
using ContinuousLoad.Sources.Postgres.Wire;

namespace ContinuousLoad.Tests.Sources.Postgres.Wire;

/// <summary>The exchange of RFC 7677 section 3 (user "user", password "pencil"), byte for byte.</summary>
public sealed class ScramSha256Tests
{
    private const string ClientNonce = "rOprNGfwEbeRWgbNEkqO";
    private const string ServerFirst = "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";

    private static ScramSha256 Started()
    {
        var scram = new ScramSha256("pencil", ClientNonce, "user");
        Assert.Equal("n,,n=user,r=" + ClientNonce, Encoding.UTF8.GetString(scram.ClientFirst()));
        return scram;
    }

    [Fact]
    public void The_client_proof_and_the_server_signature_match_the_rfc()
    {
        var scram = Started();

        var final = Encoding.UTF8.GetString(scram.ClientFinal(Encoding.UTF8.GetBytes(ServerFirst)));
        scram.VerifyServerFinal("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4="u8);

        Assert.Equal("c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=", final);
    }

    [Fact]
    public void A_server_that_does_not_know_the_password_is_not_trusted()
    {
        var scram = Started();
        scram.ClientFinal(Encoding.UTF8.GetBytes(ServerFirst));

        var refused = Assert.Throws<PostgresSourceException>(() => scram.VerifyServerFinal("v=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="u8));

        Assert.Contains("signature is wrong", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("r=someoneElsesNonce,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096", "does not extend ours")]
    [InlineData("r=rOprNGfwEbeRWgbNEkqOmore,i=4096", "no salt")]
    [InlineData("r=rOprNGfwEbeRWgbNEkqOmore,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=0", "iteration count")]
    public void A_malformed_server_first_message_is_refused(string serverFirst, string why)
    {
        var refused = Assert.Throws<PostgresSourceException>(() => Started().ClientFinal(Encoding.UTF8.GetBytes(serverFirst)));

        Assert.Contains(why, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_server_error_in_the_final_message_is_reported()
    {
        var scram = Started();
        scram.ClientFinal(Encoding.UTF8.GetBytes(ServerFirst));

        var refused = Assert.Throws<PostgresSourceException>(() => scram.VerifyServerFinal("e=invalid-proof"u8));

        Assert.Contains("invalid-proof", refused.Message, StringComparison.Ordinal);
    }
}
