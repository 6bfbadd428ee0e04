namespace ZeroDowntime.Kubernetes.Tests.Fakes;

/// <summary>
/// Collects the lines a client or watch logs (<see cref="KubeClientOptions.Log"/>, <see cref="WatchOptions.Log"/>)
/// and lets a test wait, event-driven, for a line to appear.
/// </summary>
public sealed class TestLog
{
    private readonly List<string> _lines = [];
    private TaskCompletionSource _added = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Every line so far.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines) return _lines.ToList();
        }
    }

    /// <summary>Records a line (pass this as the Log callback).</summary>
    public void Add(string line)
    {
        lock (_lines) _lines.Add(line);
        Interlocked.Exchange(ref _added, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    /// <summary>Completes once <paramref name="count"/> lines match; on timeout, names what was expected and every line seen.</summary>
    public async Task<IReadOnlyList<string>> WaitForAsync(Func<string, bool> match, string what, int count = 1, TimeSpan? deadline = null)
    {
        var limit = deadline ?? TestTimeouts.Event;
        using var timeout = new CancellationTokenSource(limit);
        while (true)
        {
            var signal = Volatile.Read(ref _added).Task;
            var matching = Lines.Where(match).ToList();
            if (matching.Count >= count)
            {
                return matching;
            }

            try
            {
                await signal.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"expected {count} log line(s) {what} within {limit.TotalSeconds:0.#} s; log: [{string.Join(" | ", Lines)}]");
            }
        }
    }

    /// <inheritdoc />
    public override string ToString() => string.Join(Environment.NewLine, Lines);
}
