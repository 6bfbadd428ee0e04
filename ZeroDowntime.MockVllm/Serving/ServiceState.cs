using System.Diagnostics;

namespace ZeroDowntime.MockVllm.Serving;

/// <summary>What the health routes and the inference route consult: loading, draining, injected failures, in-flight count.</summary>
internal sealed class ServiceState(MockVllmOptions options)
{
    private readonly Stopwatch sinceStart = Stopwatch.StartNew();
    private readonly Lock gate = new();
    private TaskCompletionSource idle = CompletedSource();
    private int inFlight;
    private volatile bool draining;
    private volatile bool modelLoaded = options.StartupDelay <= TimeSpan.Zero;
    private volatile bool failReadiness = options.FailReadiness;

    public bool IsDraining => draining;

    public bool IsModelLoaded => modelLoaded;

    public bool FailReadiness
    {
        get => failReadiness;
        set => failReadiness = value;
    }

    public bool IsUnhealthy => options.UnhealthyAfter is { } after && sinceStart.Elapsed >= after;

    public int InFlight
    {
        get
        {
            lock (gate)
            {
                return inFlight;
            }
        }
    }

    public void MarkModelLoaded() => modelLoaded = true;

    public void BeginDrain() => draining = true;

    /// <summary>Counts a request as in flight unless the node is draining; the caller must call <see cref="Exit"/> when true.</summary>
    public bool TryEnter()
    {
        lock (gate)
        {
            // Checked under the same lock as the count, so a drain never misses a request it let in.
            if (draining)
            {
                return false;
            }
            if (inFlight++ == 0)
            {
                idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
            return true;
        }
    }

    public void Exit()
    {
        lock (gate)
        {
            if (--inFlight == 0)
            {
                idle.TrySetResult();
            }
        }
    }

    /// <summary>Completes when no request is in flight (immediately if none is).</summary>
    public Task WhenIdle()
    {
        lock (gate)
        {
            return idle.Task;
        }
    }

    private static TaskCompletionSource CompletedSource()
    {
        var source = new TaskCompletionSource();
        source.SetResult();
        return source;
    }
}
