using System.Net;

namespace ZeroDowntime.LocalCluster.Networking.Policy;

/// <summary>
/// NetworkPolicy's hold on one proxied connection. While its source may not reach its backend the
/// connection is held like a path that drops packets: a new connection is not forwarded at all and an
/// open one stops moving data either way; nothing is refused or reset, so the client sees a timeout.
/// When a later policy change allows it again, it moves on at its next retransmission, as TCP's
/// exponential back-off would deliver it (Linux defaults: a SYN is resent 1, 3, 7, 15, 31... s after the
/// first, data 0.2, 0.6, 1.4, 3.0, 6.2... s after it was first held, doubling up to 120 s), which is why a
/// connection that was open through a partition can stall well after the partition is gone. A held new
/// connection whose client gave up meanwhile is dropped by the proxy: its SYN never got through.
/// </summary>
public sealed class ConnectionGuard : IDisposable
{
    private static readonly TimeSpan SynBackoff = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan DataBackoff = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(120);

    private readonly Lock _gate = new();
    private readonly Func<TrafficSource> _identify;
    private readonly Action<ConnectionGuard> _release;
    private readonly TimeProvider _time;
    private TaskCompletionSource<bool> _allowed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TrafficSource? _source;
    private DateTimeOffset? _heldSince;
    private long _version = -1;
    private long _releases;
    private bool _isAllowed;
    private bool _established;
    private bool _closed;

    internal ConnectionGuard(IPEndPoint backend, Func<TrafficSource> identify, Action<ConnectionGuard> release, TimeProvider? time = null)
    {
        Backend = backend;
        _identify = identify;
        _release = release;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Where the proxy sends this connection.</summary>
    public IPEndPoint Backend { get; }

    /// <summary>The last decision (null before the first).</summary>
    public PolicyDecision? Decision { get; private set; }

    /// <summary>
    /// Completes with true once the connection may move data, with false once it is closed. Asking while it
    /// is denied means something is being held: the retransmission clock starts then.
    /// </summary>
    public Task<bool> WhenAllowed
    {
        get
        {
            lock (_gate)
            {
                if (!_allowed.Task.IsCompleted)
                {
                    _heldSince ??= _time.GetUtcNow();
                }

                return _allowed.Task;
            }
        }
    }

    /// <summary>The proxy connected upstream: from now on held data follows the data back-off, not the SYN one.</summary>
    public void MarkEstablished()
    {
        lock (_gate)
        {
            _established = true;
        }
    }

    /// <summary>Gives up on the connection: every waiter gets false.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _closed = true;
            _allowed.TrySetResult(false);
        }

        _release(this);
    }

    /// <summary>The delay from <paramref name="heldSince"/> until the first retransmission at or after <paramref name="now"/>.</summary>
    internal static TimeSpan NextRetransmission(DateTimeOffset heldSince, DateTimeOffset now, bool established)
    {
        var step = established ? DataBackoff : SynBackoff;
        var at = heldSince + step;
        while (at < now)
        {
            step = step * 2 > MaxBackoff ? MaxBackoff : step * 2;
            at += step;
        }

        return at - now;
    }

    /// <summary>Re-decides under <paramref name="snapshot"/>; an older snapshot than the last one applied is ignored.</summary>
    internal void Evaluate(NetworkPolicySnapshot snapshot)
    {
        TimeSpan? wait = null;
        long release = 0;
        lock (_gate)
        {
            if (_closed || snapshot.Version < _version)
            {
                return;
            }

            _version = snapshot.Version;

            // Without any policy nothing is isolated, so the source is identified only once a policy exists.
            var decision = snapshot.HasPolicies ? snapshot.Evaluate(_source ??= _identify(), Backend) : PolicyDecision.NotSelected;
            Decision = decision;
            if (decision.Allowed && !_isAllowed)
            {
                _isAllowed = true;
                release = ++_releases;
                if (_heldSince is { } since)
                {
                    wait = NextRetransmission(since, _time.GetUtcNow(), _established);
                }
                else
                {
                    _allowed.TrySetResult(true); // nothing held: no retransmission to wait for
                }
            }
            else if (!decision.Allowed && _isAllowed)
            {
                _isAllowed = false;
                ++_releases; // a pending release is void
                if (_allowed.Task.IsCompleted && !_closed)
                {
                    _allowed = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                }
            }
        }

        if (wait is { } delay)
        {
            _ = ReleaseAsync(delay, release);
        }
    }

    private async Task ReleaseAsync(TimeSpan delay, long release)
    {
        if (delay > TimeSpan.Zero)
        {
            // The wait is the behaviour: held packets get through at their next retransmission, not at once.
            await Task.Delay(delay, _time).ConfigureAwait(false);
        }

        lock (_gate)
        {
            if (release == _releases && _isAllowed)
            {
                _heldSince = null;
                _allowed.TrySetResult(true);
            }
        }
    }
}
