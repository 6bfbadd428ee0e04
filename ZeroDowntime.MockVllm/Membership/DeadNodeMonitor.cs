namespace ZeroDowntime.MockVllm.Membership;

/// <summary>Head: checks heartbeat ages a few times per dead timeout, so DEAD is reported at most a quarter late.</summary>
internal sealed class DeadNodeMonitor(ClusterMembership membership, MockVllmOptions options) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = TimeSpan.FromMilliseconds(Math.Clamp(options.NodeDeadTimeout.TotalMilliseconds / 4, 50, 1000));
        using var timer = new PeriodicTimer(period);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                membership.SweepDeadNodes();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host is stopping.
        }
    }
}
