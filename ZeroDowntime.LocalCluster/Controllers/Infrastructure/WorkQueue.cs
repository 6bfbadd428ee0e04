using System.Threading.Channels;

namespace ZeroDowntime.LocalCluster.Controllers.Infrastructure;

/// <summary>
/// A de-duplicating queue of object keys, as client-go's workqueue: a key added while queued is
/// queued once; a key added while being processed is processed again afterwards.
/// </summary>
internal sealed class WorkQueue
{
    private readonly Channel<string> _channel = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly HashSet<string> _queued = [];
    private readonly TimeProvider _time;

    public WorkQueue(TimeProvider time) => _time = time;

    /// <summary>Queues <paramref name="key"/> unless it is already waiting.</summary>
    public void Add(string key)
    {
        lock (_queued)
        {
            if (!_queued.Add(key))
            {
                return;
            }
        }

        _channel.Writer.TryWrite(key);
    }

    /// <summary>Queues <paramref name="key"/> after <paramref name="delay"/>.</summary>
    public void AddAfter(string key, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            Add(key);
            return;
        }

        ITimer? timer = null;
        timer = _time.CreateTimer(_ =>
        {
            Add(key);
            timer?.Dispose();
        }, null, delay, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Takes the next key; it may be queued again from now on.</summary>
    public async ValueTask<string> TakeAsync(CancellationToken ct)
    {
        var key = await _channel.Reader.ReadAsync(ct).ConfigureAwait(false);
        lock (_queued)
        {
            _queued.Remove(key);
        }

        return key;
    }
}
