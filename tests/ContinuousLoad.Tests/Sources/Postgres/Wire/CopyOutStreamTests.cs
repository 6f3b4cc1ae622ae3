using System.Text;
using ContinuousLoad.Sources.Postgres;
using ContinuousLoad.Sources.Postgres.Wire;
using Npgsql;
using static ContinuousLoad.Tests.Sources.Postgres.Wire.ScriptedServerStream;

namespace ContinuousLoad.Tests.Sources.Postgres.Wire;

public sealed class CopyOutStreamTests
{
    private static readonly byte[] CopyOutResponse = Message('H', [1, 0, 0]);

    private static byte[] Server(params byte[][] messages) => [.. messages.SelectMany(m => m)];

    private static byte[] Data(string text) => Message('d', Encoding.UTF8.GetBytes(text));

    private static byte[] End => Server(Message('c', []), Message('C', "COPY 3\0"u8), Ready);

    private static string ReadAll(Stream stream, int readSize)
    {
        var all = new MemoryStream();
        var buffer = new byte[readSize];
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            all.Write(buffer, 0, read);
        }

        return Encoding.UTF8.GetString(all.ToArray());
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 3)]
    [InlineData(1_000, 64)]
    [InlineData(int.MaxValue, 100_000)]
    public void The_payloads_are_joined_whatever_the_read_sizes(int serverChunk, int readSize)
    {
        var server = Server(
            CopyOutResponse, Data("alpha|"), Message('N', "SNOTICE\0Mhello\0\0"u8), Data("beta|"), Message('S', "a\0b\0"u8), Data(new string('g', 5_000)), End);
        var stream = new ScriptedServerStream(server, serverChunk);
        var connection = new WireConnection(stream);

        using var copy = connection.CopyOut("COPY t TO STDOUT", TestContext.Current.CancellationToken);

        Assert.Equal("alpha|beta|" + new string('g', 5_000), ReadAll(copy, readSize));
        Assert.Equal(('Q', "COPY t TO STDOUT\0"), (stream.Sent()[0].Type, Encoding.UTF8.GetString(stream.Sent()[0].Body)));
    }

    [Fact]
    public void An_error_inside_the_data_ends_it_with_the_server_error_and_the_connection_stays_usable()
    {
        var server = Server(CopyOutResponse, Data("partial"), Error("57014", "canceling statement due to user request"), Ready, Message('C', "BEGIN\0"u8), Ready);
        var connection = new WireConnection(new ScriptedServerStream(server, 5));
        using var copy = connection.CopyOut("COPY t TO STDOUT", TestContext.Current.CancellationToken);

        var refused = Assert.Throws<PostgresException>(() => ReadAll(copy, 64));
        connection.Execute("BEGIN", TestContext.Current.CancellationToken);

        Assert.Equal("57014", refused.SqlState);
    }

    [Fact]
    public void An_error_instead_of_the_copy_is_the_server_error()
    {
        var connection = new WireConnection(new ScriptedServerStream(Server(Error("42P01", "relation \"t\" does not exist"), Ready)));

        var refused = Assert.Throws<PostgresException>(() => connection.CopyOut("COPY t TO STDOUT", TestContext.Current.CancellationToken));

        Assert.Equal("42P01", refused.SqlState);
    }

    [Fact]
    public void A_connection_lost_in_the_middle_of_a_message_says_so()
    {
        var whole = Server(CopyOutResponse, Data("abcdefgh"), End);
        var connection = new WireConnection(new ScriptedServerStream(whole[..(CopyOutResponse.Length + 9)], 4));
        using var copy = connection.CopyOut("COPY t TO STDOUT", TestContext.Current.CancellationToken);

        var lost = Assert.Throws<IOException>(() => ReadAll(copy, 64));

        Assert.Contains("connection to the PostgreSQL server was lost", lost.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData('T')]
    [InlineData('D')]
    public void A_message_that_does_not_belong_in_copy_data_is_a_protocol_violation(char type)
    {
        var connection = new WireConnection(new ScriptedServerStream(Server(CopyOutResponse, Data("x"), Message(type, [0, 0]), End)));
        using var copy = connection.CopyOut("COPY t TO STDOUT", TestContext.Current.CancellationToken);

        var refused = Assert.Throws<PostgresSourceException>(() => ReadAll(copy, 1));

        Assert.Equal(PostgresSourceError.ProtocolViolation, refused.Error);
        Assert.Contains($"message '{type}' inside COPY out data", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_length_shorter_than_the_length_field_is_refused()
    {
        var connection = new WireConnection(new ScriptedServerStream(Server(CopyOutResponse, [(byte)'d', 0, 0, 0, 3])));
        using var copy = connection.CopyOut("COPY t TO STDOUT", TestContext.Current.CancellationToken);

        var refused = Assert.Throws<PostgresSourceException>(() => ReadAll(copy, 16));

        Assert.Contains("says its length is 3", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Completing_refuses_data_the_reader_left_behind()
    {
        var connection = new WireConnection(new ScriptedServerStream(Server(CopyOutResponse, Data("abc"), Data("left over"), End)));
        using var copy = connection.CopyOut("COPY t TO STDOUT", TestContext.Current.CancellationToken);
        Span<byte> three = stackalloc byte[3];
        Assert.Equal(3, copy.Read(three));

        var refused = Assert.Throws<PostgresSourceException>(copy.Complete);

        Assert.Contains("continues after the binary trailer", refused.Message, StringComparison.Ordinal);
    }
}
