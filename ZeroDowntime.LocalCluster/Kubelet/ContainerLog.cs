namespace ZeroDowntime.LocalCluster.Kubelet;

/// <summary>
/// The captured output of one container instance (one process run): a bounded ring of lines with
/// their arrival time, and a way to wait for more (for <c>follow=true</c>).
/// </summary>
public sealed class ContainerLog
{
    private readonly object _gate = new();
    private readonly LogLine[] _ring;
    private long _written;
    private bool _completed;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Creates a log that keeps the last <paramref name="capacity"/> lines.</summary>
    public ContainerLog(int capacity) => _ring = new LogLine[Math.Max(1, capacity)];

    /// <summary>True once the process has exited and no more lines will come.</summary>
    public bool Completed
    {
        get
        {
            lock (_gate)
            {
                return _completed;
            }
        }
    }

    /// <summary>Appends a line.</summary>
    public void Append(DateTimeOffset time, LogStream stream, string text)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            if (_completed)
            {
                return;
            }

            _ring[_written % _ring.Length] = new LogLine(_written, time, stream, text);
            _written++;
            changed = Swap();
        }

        changed.TrySetResult();
    }

    /// <summary>Marks the end of the output (the process exited).</summary>
    public void Complete()
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            _completed = true;
            changed = Swap();
        }

        changed.TrySetResult();
    }

    /// <summary>
    /// The retained lines with sequence number at or after <paramref name="fromSequence"/>, the
    /// sequence number to ask for next, and a task that completes on the next change.
    /// </summary>
    public (IReadOnlyList<LogLine> Lines, long Next, bool Completed, Task Changed) Read(long fromSequence)
    {
        lock (_gate)
        {
            var first = Math.Max(fromSequence, Math.Max(0, _written - _ring.Length));
            var lines = new List<LogLine>((int)Math.Max(0, _written - first));
            for (var s = first; s < _written; s++)
            {
                lines.Add(_ring[s % _ring.Length]);
            }

            return (lines, _written, _completed, _changed.Task);
        }
    }

    /// <summary>The retained lines as text (for tests and diagnostics).</summary>
    public string Text() => string.Join('\n', Read(0).Lines.Select(l => l.Text));

    private TaskCompletionSource Swap()
    {
        var previous = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return previous;
    }
}
