using System.Threading.Channels;
using ZeroDowntime.MockVllm.Membership;
using ZeroDowntime.MockVllm.Serving;

namespace ZeroDowntime.MockVllm.Redis;

/// <summary>
/// Head with --redis: restores membership at start (like Ray's GCS reading Redis), then saves it after every
/// membership change, after a lost Redis connection is back, and every few seconds, so a Redis that restarted
/// empty is filled again.
/// </summary>
internal sealed class MembershipPersistence(ClusterMembership membership, RedisMembershipStore store, EventLog log) : BackgroundService
{
    private static readonly TimeSpan ResaveInterval = TimeSpan.FromSeconds(3);
    private readonly Channel<bool> changes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var snapshot = await store.LoadNewestAsync(cancellationToken);
        if (snapshot is not null)
        {
            var added = membership.Restore(snapshot.Nodes);
            var alive = snapshot.Nodes.Count(n => n.State == NodeRecord.Alive);
            log.Write($"restored {added} node(s) from redis ({alive} ALIVE in the snapshot); they must heartbeat within the dead timeout");
        }
        membership.Changed += OnChanged;
        store.Reconnected += OnChanged;
        await base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        membership.Changed -= OnChanged;
        store.Reconnected -= OnChanged;
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await store.SaveAsync(new MembershipSnapshot(1, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), membership.HeadInstanceId, membership.Snapshot()), stoppingToken);
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                wait.CancelAfter(ResaveInterval);
                try
                {
                    await changes.Reader.ReadAsync(wait.Token);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    // Periodic re-save.
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host is stopping.
        }
    }

    private void OnChanged() => changes.Writer.TryWrite(true);
}
