using System.Net;

namespace ZeroDowntime.LocalCluster.Networking.Policy;

/// <summary>
/// NetworkPolicy's hold on one proxied connection. While its source may not reach its backend the
/// connection is held like a path that drops packets: a new connection is not forwarded at all and an
/// open one stops moving data either way; nothing is refused or reset, so the client sees a timeout.
/// When a later policy change allows it again, data flows on (as retransmissions would get through).
/// The proxy awaits <see cref="WhenAllowed"/> before connecting upstream and before every send.
/// </summary>
public sealed class ConnectionGuard : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Func<TrafficSource> _identify;
    private readonly Action<ConnectionGuard> _release;
    private TaskCompletionSource<bool> _allowed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TrafficSource? _source;
    private long _version = -1;
    private bool _isAllowed;
    private bool _closed;

    internal ConnectionGuard(IPEndPoint backend, Func<TrafficSource> identify, Action<ConnectionGuard> release)
    {
        Backend = backend;
        _identify = identify;
        _release = release;
    }

    /// <summary>Where the proxy sends this connection.</summary>
    public IPEndPoint Backend { get; }

    /// <summary>The last decision (null before the first).</summary>
    public PolicyDecision? Decision { get; private set; }

    /// <summary>Completes with true once the connection may move data, with false once it is closed.</summary>
    public Task<bool> WhenAllowed
    {
        get
        {
            lock (_gate)
            {
                return _allowed.Task;
            }
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

    /// <summary>Re-decides under <paramref name="snapshot"/>; an older snapshot than the last one applied is ignored.</summary>
    internal void Evaluate(NetworkPolicySnapshot snapshot)
    {
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
                _allowed.TrySetResult(true);
            }
            else if (!decision.Allowed && _isAllowed)
            {
                _isAllowed = false;
                _allowed = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }
}
