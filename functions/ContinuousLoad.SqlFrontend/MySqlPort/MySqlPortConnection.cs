using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using ContinuousLoad.MySql.Wire;
using ContinuousLoad.Sql.Evaluation;
using ContinuousLoad.SqlFrontend.Statements;
using ContinuousLoad.Tables.Statements;
using Microsoft.Extensions.Logging;

namespace ContinuousLoad.SqlFrontend.MySqlPort;

/// <summary>
/// One client of the MySQL port, from greeting to quit: the handshake (TLS first when the client asks and a certificate
/// is configured), authentication, then one command at a time — COM_QUERY runs a statement through the same runner as
/// the HTTP SQL API, with the session (user, database, variables) kept between statements. A connection waits at
/// most the idle timeout for its next command and the write timeout for a client to take its answer; whatever goes
/// wrong ends this connection only.
/// </summary>
internal sealed class MySqlPortConnection(Socket socket, uint id, MySqlPortOptions options, IMySqlAccounts accounts, StatementRunner statements,
    TimeZoneInfo timeZone, ILogger logger)
{
    private const int BufferSize = 64 * 1024;

    /// <summary>Statements one connection may hold prepared at once (MySQL's <c>max_prepared_stmt_count</c> is per server).</summary>
    private const int MaxPreparedStatements = 1024;

    private readonly Dictionary<uint, PreparedStatement> _prepared = [];
    private uint _lastStatementId;
    private readonly DateTime _started = DateTime.UtcNow;
    private long _questions;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var network = new NetworkStream(socket, ownsSocket: true);
        await using var channel = new PacketChannel(network, BufferSize, options.WriteTimeout, "client");
        using var answers = new ResultWriter(channel);
        var peer = (socket.RemoteEndPoint as System.Net.IPEndPoint)?.Address.ToString() ?? "unknown";
        try
        {
            var session = await SignInAsync(channel, answers, network, peer, cancellationToken);
            if (session is not null)
            {
                MySqlPortLog.SignedIn(logger, id, session.User, peer);
                await ServeAsync(channel, answers, session, cancellationToken);
            }
        }
        catch (MySqlProtocolException e)
        {
            MySqlPortLog.Dropped(logger, id, peer, e.Message);
            await TryAnswerAsync(answers, MySqlError.Broken(e));
            await HangUpAsync(network);
        }
        catch (Exception e) when (e is MySqlConnectionException or IOException or System.Security.Authentication.AuthenticationException ||
                                  (e is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            MySqlPortLog.Closed(logger, id, peer, e.Message);
        }
    }

    /// <summary>The handshake; the signed-in session, or null once the client has been refused.</summary>
    private async Task<SessionContext?> SignInAsync(PacketChannel channel, ResultWriter answers, NetworkStream network, string peer,
        CancellationToken cancellationToken)
    {
        // Until signed in, a client gets little time and room: a slow or garbled greeting must not hold a connection slot.
        channel.ReadTimeout = MySqlHandshake.Timeout;
        channel.MaxPayloadLength = MySqlHandshake.MaxResponseLength;
        var scramble = MySqlHandshake.NewScramble();
        var offered = MySqlHandshake.Capabilities | (options.Certificate is null ? 0 : CapabilityFlags.Ssl);
        using var payload = new PayloadWriter(128);
        await channel.WritePayloadAsync(MySqlHandshake.Greeting(payload, id, scramble, offered), cancellationToken);

        // The client's TLS handshake may follow its SSLRequest at once: read no further than the packet.
        channel.ReadAhead = false;
        var first = await channel.ReadPayloadAsync(cancellationToken);
        var capabilities = MySqlHandshake.ClientCapabilities(first.Span);
        if (capabilities.HasFlag(CapabilityFlags.Ssl) && options.Certificate is not null && first.Length == MySqlHandshake.SslRequestLength)
        {
            var tls = new SslStream(network, leaveInnerStreamOpen: false);
            using var handshakeTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            handshakeTimeout.CancelAfter(options.WriteTimeout);
            await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = options.Certificate }, handshakeTimeout.Token);
            channel.ReplaceStream(tls);
            first = await channel.ReadPayloadAsync(cancellationToken);
        }

        channel.ReadAhead = true;
        var response = MySqlHandshake.ReadResponse(first.Span);
        channel.MaxPayloadLength = options.MaxPacketBytes;
        var (account, usedPassword) = await MySqlAuthenticator.AuthenticateAsync(channel, payload, response, scramble, accounts, cancellationToken);
        if (account is null)
        {
            MySqlPortLog.Refused(logger, id, response.User, peer);
            await answers.WriteErrorAsync(MySqlError.AccessDenied(response.User, peer, usedPassword), cancellationToken);
            return null;
        }

        var session = new SessionContext(null, Now(), account.User) { Variables = statements.SessionDefaults, ConnectionId = id };
        if (response.Database is { } database)
        {
            // As MySQL: a first database that does not exist refuses the connection.
            if (await RunAsync(answers, session, UseText(database), cancellationToken) is not { } used)
            {
                return null;
            }

            session = used;
        }
        else
        {
            await answers.WriteOkAsync(null, cancellationToken);
        }

        return session;
    }

    private async Task ServeAsync(PacketChannel channel, ResultWriter answers, SessionContext session, CancellationToken cancellationToken)
    {
        while (true)
        {
            channel.ResetSequence();
            channel.ReadTimeout = options.IdleTimeout;
            var command = await channel.ReadPayloadAsync(cancellationToken);
            channel.ReadTimeout = options.WriteTimeout;
            _questions++;
            if (command.IsEmpty)
            {
                throw new MySqlProtocolException("The client sent an empty command packet.");
            }

            var text = command.Length > 1 ? Encoding.UTF8.GetString(command.Span[1..]) : "";
            switch ((CommandKind)command.Span[0])
            {
                case CommandKind.Quit:
                    return;
                case CommandKind.Ping:
                    await answers.WriteOkAsync(null, cancellationToken);
                    break;
                case CommandKind.Query when string.IsNullOrWhiteSpace(text):
                    await answers.WriteErrorAsync(MySqlError.EmptyQuery, cancellationToken);
                    break;
                case CommandKind.Query:
                    session = await RunAsync(answers, session, text, cancellationToken) ?? session;
                    break;
                case CommandKind.InitDatabase:
                    session = await RunAsync(answers, session, UseText(text), cancellationToken) ?? session;
                    break;
                case CommandKind.ResetConnection:
                    session = session with { Variables = statements.SessionDefaults };
                    await answers.WriteOkAsync(null, cancellationToken);
                    break;
                case CommandKind.StatementPrepare:
                    await PrepareAsync(answers, text, cancellationToken);
                    break;
                case CommandKind.StatementExecute when Prepared(command.Span) is { } statement:
                    session = await RunAsync(answers, session, statement.Bind(command.Span[5..]), cancellationToken, binary: true) ?? session;
                    break;
                case CommandKind.StatementSendLongData when command.Length >= 7:
                    Prepared(command.Span)?.AppendLongData(BitConverter.ToUInt16(command.Span[5..7]), command.Span[7..]);
                    break; // no answer, as MySQL
                case CommandKind.StatementClose:
                    _prepared.Remove(command.Length >= 5 ? BitConverter.ToUInt32(command.Span[1..5]) : 0);
                    break; // no answer, as MySQL
                case CommandKind.StatementReset when Prepared(command.Span) is { } statement:
                    statement.Reset();
                    await answers.WriteOkAsync(null, cancellationToken);
                    break;
                case CommandKind.StatementExecute or CommandKind.StatementReset:
                    await answers.WriteErrorAsync(MySqlError.UnknownStatement(command.Length >= 5 ? BitConverter.ToUInt32(command.Span[1..5]) : 0), cancellationToken);
                    break;
                case CommandKind.FieldList or CommandKind.SetOption:
                    // Column lists for a client's name completion are not offered (an empty list); statements are never batched.
                    await answers.WriteEndAsync(cancellationToken);
                    break;
                case CommandKind.Statistics:
                    await answers.WriteTextAsync(
                        $"Uptime: {(long)(DateTime.UtcNow - _started).TotalSeconds}  Threads: 1  Questions: {_questions}  Slow queries: 0  Opens: 0  Open tables: 0",
                        cancellationToken);
                    break;
                default:
                    await answers.WriteErrorAsync(MySqlError.UnknownCommand(command.Span[0]), cancellationToken);
                    break;
            }
        }
    }

    /// <summary>COM_STMT_PREPARE: the statement is checked and kept for this connection under a new id.</summary>
    private async Task PrepareAsync(ResultWriter answers, string text, CancellationToken cancellationToken)
    {
        if (_prepared.Count >= MaxPreparedStatements)
        {
            await answers.WriteErrorAsync(MySqlError.TooManyPreparedStatements(MaxPreparedStatements), cancellationToken);
            return;
        }

        PreparedStatement statement;
        try
        {
            statement = PreparedStatement.Prepare(++_lastStatementId, text, statements.Limits);
        }
        catch (Exception e) when (StatementRunner.IsRefusal(e))
        {
            await answers.WriteErrorAsync(MySqlError.Refused(e), cancellationToken);
            return;
        }

        _prepared[statement.Id] = statement;
        await answers.WritePreparedAsync(statement, cancellationToken);
    }

    /// <summary>The prepared statement a COM_STMT_* payload names (its 4 bytes after the command), or null.</summary>
    private PreparedStatement? Prepared(ReadOnlySpan<byte> command) =>
        command.Length >= 5 ? _prepared.GetValueOrDefault(BitConverter.ToUInt32(command[1..5])) : null;

    /// <summary>Runs one statement and answers it; returns the session as the statement left it, or null when it was refused.</summary>
    private async Task<SessionContext?> RunAsync(ResultWriter answers, SessionContext session, string text, CancellationToken cancellationToken,
        bool binary = false)
    {
        session = session with { Evaluation = Now() };
        StatementResult result;
        try
        {
            result = await statements.RunAsync(text, session, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            if (!StatementRunner.IsRefusal(e))
            {
                MySqlPortLog.Failed(logger, e, id);
            }

            await answers.WriteErrorAsync(MySqlError.Refused(e), cancellationToken);
            return null;
        }

        switch (result)
        {
            case RowsResult rows:
                await using (rows.Rows)
                {
                    try
                    {
                        await answers.WriteRowsAsync(rows.Rows, session.DefaultDatabase, binary, cancellationToken);
                    }
                    catch (Exception e) when (StatementRunner.IsRefusal(e))
                    {
                        // A query stopped mid-way (a timeout, a scan limit): an ERR packet in place of the next row.
                        await answers.WriteErrorAsync(MySqlError.Refused(e), cancellationToken);
                    }
                }

                return session;
            case ExecResult exec:
                await answers.WriteOkAsync(exec, cancellationToken);
                return session with
                {
                    Variables = exec.Variables ?? session.Variables,
                    DefaultDatabase = exec.Database ?? session.DefaultDatabase,
                };
            default:
                throw new InvalidOperationException($"unknown statement result {result.GetType().Name}");
        }
    }

    private EvaluationContext Now() => new(timeZone, DateTime.UtcNow);

    private static string UseText(string database) => $"USE `{database.Replace("`", "``", StringComparison.Ordinal)}`";

    /// <summary>
    /// Closes the sending side and discards what the client still sends, for a moment: a socket closed with unread input
    /// is reset, and a reset would take the error packet with it before the client reads it.
    /// </summary>
    private static async Task HangUpAsync(NetworkStream network)
    {
        try
        {
            network.Socket.Shutdown(SocketShutdown.Send);
            using var linger = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            var discard = new byte[4096];
            while (await network.ReadAsync(discard, linger.Token) > 0)
            {
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Gone, or still talking after the moment: the connection closes either way.
        }
    }

    private static async Task TryAnswerAsync(ResultWriter answers, MySqlError error)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await answers.WriteErrorAsync(error, timeout.Token);
        }
        catch (Exception e) when (e is MySqlConnectionException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The client is gone already.
        }
    }
}
