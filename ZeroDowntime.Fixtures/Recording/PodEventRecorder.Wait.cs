using System.Globalization;

namespace ZeroDowntime.Fixtures.Recording;

// The one wait primitive: completes on the event that makes a predicate over the state true.
public sealed partial class PodEventRecorder
{
    /// <summary>
    /// Completes with the state as soon as <paramref name="predicate"/> holds (checked now and after every
    /// recorded event; never by polling). On timeout throws <see cref="TimeoutException"/>:
    /// <c>Timed out after 30 s (ZD_TIMING__X) waiting for worker back at 3 Ready pods. Last observed state: worker: 2 Ready of 3 (...); last event: PodNotReady worker/w-2 at ...</c>.
    /// </summary>
    /// <param name="predicate">Evaluated under the recorder's lock on a snapshot; keep it cheap and side-effect free.</param>
    /// <param name="expectation">What is awaited, in words, for the timeout message.</param>
    /// <param name="deadlineName">The named deadline (the setting it comes from), for the timeout message.</param>
    /// <param name="timeout">How long to wait.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public async Task<RecorderState> WaitUntilAsync(Func<RecorderState, bool> predicate, string expectation, string deadlineName, TimeSpan timeout,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var waiter = new Waiter(predicate);
        lock (_gate)
        {
            if (_fault is not null)
            {
                throw _fault;
            }

            var now = Snapshot();
            if (predicate(now))
            {
                return now;
            }

            _waiters.Add(waiter);
        }

        // A long wait says every progress interval that it goes on, with the role counts now.
        using var progress = Xunit.LiveProgress.Waiting(expectation, timeout, deadlineName, ReadyCounts);
        try
        {
            return await waiter.Completion.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            RecorderState last;
            lock (_gate)
            {
                _waiters.Remove(waiter);
                last = Snapshot();
            }

            throw new TimeoutException(string.Create(CultureInfo.InvariantCulture,
                $"Timed out after {timeout.TotalSeconds:0.###} s ({deadlineName}) waiting for {expectation}. Last observed state: {last}; last event: {Describe(last)}."));
        }
        finally
        {
            lock (_gate)
            {
                _waiters.Remove(waiter);
            }
        }
    }

    /// <summary>Waits until <paramref name="role"/> has at least <paramref name="readyPods"/> Ready, non-terminating pods.</summary>
    public Task<RecorderState> WaitForReadyCountAsync(string role, int readyPods, string deadlineName, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        WaitUntilAsync(s => s.ReadyCount(role) >= readyPods, string.Create(CultureInfo.InvariantCulture, $"{role} back at {readyPods} Ready pods"), deadlineName, timeout, cancellationToken);

    private string ReadyCounts()
    {
        RecorderState now;
        lock (_gate)
        {
            now = Snapshot();
        }

        return string.Join(", ", now.Pods.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value.Count(x => x.CountsAsReady)} Ready")));
    }

    private static string Describe(RecorderState state) => state.LastEvent is not { } e
        ? "none"
        : $"{e.Kind} {(e.Role is null ? "" : e.Role + "/")}{e.Pod ?? e.Node ?? ""} at {e.Time:HH:mm:ss.fff}";

    // Called under _gate after every change.
    private void NotifyWaiters()
    {
        if (_waiters.Count == 0)
        {
            return;
        }

        var state = Snapshot();
        for (var i = _waiters.Count - 1; i >= 0; i--)
        {
            var waiter = _waiters[i];
            bool holds;
            try
            {
                holds = waiter.Predicate(state);
            }
            catch (Exception ex)
            {
                _waiters.RemoveAt(i);
                waiter.Completion.TrySetException(ex);
                continue;
            }

            if (holds)
            {
                _waiters.RemoveAt(i);
                waiter.Completion.TrySetResult(state);
            }
        }
    }

    private sealed class Waiter(Func<RecorderState, bool> predicate)
    {
        public Func<RecorderState, bool> Predicate { get; } = predicate;

        public TaskCompletionSource<RecorderState> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
