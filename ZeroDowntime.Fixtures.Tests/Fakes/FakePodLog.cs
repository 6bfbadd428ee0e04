namespace ZeroDowntime.Fixtures.Tests.Fakes;

/// <summary>A container's log as the fake kubelet keeps it: timestamped lines, an end, and a way to break followers' streams.</summary>
internal sealed class FakePodLog
{
    private readonly Lock _gate = new();
    private readonly List<(DateTimeOffset At, string Text)> _lines = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenSource _break = new();
    private bool _ended;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _lines.Count;
            }
        }
    }

    public CancellationToken BreakToken
    {
        get
        {
            lock (_gate)
            {
                return _break.Token;
            }
        }
    }

    public void Add(string text)
    {
        lock (_gate)
        {
            _lines.Add((DateTimeOffset.UtcNow, text));
            Signal();
        }
    }

    public void End()
    {
        lock (_gate)
        {
            _ended = true;
            Signal();
        }
    }

    /// <summary>Drops every open follow stream (the client sees a broken connection); later requests work.</summary>
    public void BreakFollowers()
    {
        CancellationTokenSource old;
        lock (_gate)
        {
            old = _break;
            _break = new CancellationTokenSource();
        }

        old.Cancel();
    }

    public (IReadOnlyList<(DateTimeOffset At, string Text)> Lines, Task Changed, bool Ended) ReadFrom(int index)
    {
        lock (_gate)
        {
            return (_lines.Skip(index).ToList(), _changed.Task, _ended);
        }
    }

    public IReadOnlyList<string> Texts()
    {
        lock (_gate)
        {
            return _lines.Select(l => l.Text).ToList();
        }
    }

    private void Signal()
    {
        var old = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        old.TrySetResult();
    }
}
