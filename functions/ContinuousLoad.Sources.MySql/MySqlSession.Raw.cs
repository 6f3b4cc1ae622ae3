using ContinuousLoad.MySql.Wire;
using ContinuousLoad.Sources.MySql.Protocol;

namespace ContinuousLoad.Sources.MySql;

/// <summary>
/// The raw packet access the replication protocol needs (COM_REGISTER_SLAVE, COM_BINLOG_DUMP and the
/// event stream that follows): send one command payload, then read payloads one at a time.
/// </summary>
public sealed partial class MySqlSession
{
    /// <summary>How long one read may wait (a binlog stream waits up to the heartbeat period); infinite allowed.</summary>
    internal TimeSpan ReadTimeout
    {
        get => _channel.ReadTimeout;
        set => _channel.ReadTimeout = value;
    }

    /// <summary>Sends a command payload (first byte = <see cref="CommandKind"/>) with sequence id 0.</summary>
    internal async ValueTask SendCommandAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        BeginCommand();
        await Guard(_channel.WritePayloadAsync(payload, cancellationToken));
    }

    /// <summary>Sends a command built in a <see cref="PayloadWriter"/> with sequence id 0 (one write under 16 MB).</summary>
    internal async ValueTask SendCommandAsync(PayloadWriter payload, CancellationToken cancellationToken)
    {
        BeginCommand();
        await Guard(_channel.WritePayloadAsync(payload, cancellationToken));
    }

    /// <summary>
    /// The next payload of the current exchange, 16 MB packets already joined and sequence ids checked.
    /// The memory is the connection's buffer: valid until the next read, copy what must outlive it.
    /// </summary>
    internal ValueTask<ReadOnlyMemory<byte>> ReadPacketAsync(CancellationToken cancellationToken)
    {
        ValueTask<ReadOnlyMemory<byte>> read;
        try
        {
            read = _channel.ReadPayloadAsync(cancellationToken);
        }
        catch (MySqlProtocolException)
        {
            MarkBroken();
            throw;
        }

        return read.IsCompletedSuccessfully ? read : GuardRead(read);
    }

    private void BeginCommand()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_broken)
        {
            throw new MySqlConnectionException("The connection was lost or fell out of step with the server earlier; open a new one.");
        }

        if (_busy)
        {
            throw new InvalidOperationException("A result set is still open on this session; read it to the end or dispose it before the next command.");
        }

        _channel.ResetSequence();
    }

    private async ValueTask<ReadOnlyMemory<byte>> GuardRead(ValueTask<ReadOnlyMemory<byte>> read)
    {
        try
        {
            return await read;
        }
        catch (Exception e) when (e is MySqlConnectionException or MySqlProtocolException or OperationCanceledException)
        {
            MarkBroken();
            throw;
        }
    }

    private async ValueTask Guard(ValueTask write)
    {
        try
        {
            await write;
        }
        catch (Exception e) when (e is MySqlConnectionException or OperationCanceledException)
        {
            MarkBroken();
            throw;
        }
    }
}
