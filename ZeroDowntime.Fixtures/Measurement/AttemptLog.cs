namespace ZeroDowntime.Fixtures.Measurement;

/// <summary>
/// A thread-safe, append-only list of attempts in fixed-size chunks: appending never copies what
/// is already recorded, so recording stays cheap and steady for hours of attempts.
/// </summary>
public sealed class AttemptLog
{
    private const int ChunkSize = 4096;
    private readonly List<AttemptRecord[]> _chunks = [];
    private readonly Lock _gate = new();
    private int _count;

    /// <summary>Number of attempts recorded so far.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _count;
            }
        }
    }

    /// <summary>Records one attempt.</summary>
    public void Add(in AttemptRecord attempt)
    {
        lock (_gate)
        {
            var offset = _count % ChunkSize;
            if (offset == 0)
            {
                _chunks.Add(new AttemptRecord[ChunkSize]);
            }

            _chunks[^1][offset] = attempt;
            _count++;
        }
    }

    /// <summary>A copy of everything recorded so far, in recording order.</summary>
    public AttemptRecord[] Snapshot()
    {
        lock (_gate)
        {
            var copy = new AttemptRecord[_count];
            for (var i = 0; i < _chunks.Count; i++)
            {
                var length = Math.Min(ChunkSize, _count - (i * ChunkSize));
                Array.Copy(_chunks[i], 0, copy, i * ChunkSize, length);
            }

            return copy;
        }
    }
}
