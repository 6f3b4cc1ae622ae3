namespace ContinuousLoad.Sources.MySql.Binlog;

/// <summary>
/// What a stream knows between events: the current file, the open transaction and its GTID, the tables
/// mapped for the coming rows events, and the resume point — the end of the last complete transaction
/// or DDL, as a position and (MariaDB) as the GTID state per replication domain.
/// </summary>
internal sealed class BinlogStreamState
{
    private readonly BinlogStart _start;
    private readonly SortedDictionary<uint, MariaDbGtid> _domains = [];
    private MariaDbGtid? _groupGtid;
    private BinlogPosition? _resumePosition;
    private bool _committed;

    public BinlogStreamState(BinlogStart start)
    {
        _start = start;
        File = start.Position?.FileName;
        _resumePosition = start.Position;
        if (start.GtidState is { } state)
        {
            foreach (var text in state.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!text.Contains(':', StringComparison.Ordinal))
                {
                    var gtid = MariaDbGtid.Parse(text);
                    _domains[gtid.DomainId] = gtid;
                }
            }
        }
    }

    public string? File { get; private set; }

    public string? Gtid { get; private set; }

    public bool InTransaction { get; set; }

    public Dictionary<ulong, RowImageLayout> Tables { get; } = [];

    /// <summary>MariaDB streams started from a GTID state resume from the updated state; others from the position.</summary>
    public BinlogStart ResumeFrom =>
        _start.GtidState is not null && _domains.Count > 0 ? BinlogStart.AfterGtids(string.Join(",", _domains.Values))
        : _resumePosition is { } position ? BinlogStart.At(position)
        : _start;

    public BinlogPosition Advance(BinlogEventHeader header) => new(File ?? "", header.NextPosition);

    public void Rotate(RotateEvent rotate) => File = rotate.NextFile;

    public void BeginGroup(string? gtid, MariaDbGtid? mariaDbGtid, bool standalone)
    {
        Gtid = gtid;
        _groupGtid = mariaDbGtid;
        InTransaction = mariaDbGtid is not null && !standalone;
    }

    /// <summary>The resume point if the last event committed (once), else null.</summary>
    public BinlogStart? TakeCommit()
    {
        var committed = _committed;
        _committed = false;
        return committed ? ResumeFrom : null;
    }

    public void Commit(BinlogPosition position)
    {
        _committed = true;
        InTransaction = false;
        _resumePosition = position;
        if (_groupGtid is { } gtid)
        {
            _domains[gtid.DomainId] = gtid;
        }

        _groupGtid = null;
    }
}
