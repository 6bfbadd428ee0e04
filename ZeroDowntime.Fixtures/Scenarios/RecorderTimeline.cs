using k8s;
using ZeroDowntime.Fixtures.Configuration;
using ZeroDowntime.Fixtures.Measurement;
using ZeroDowntime.Fixtures.Recording;

namespace ZeroDowntime.Fixtures.Scenarios;

/// <summary>The <see cref="PodEventRecorder"/> behind <see cref="IClusterTimeline"/>.</summary>
public sealed class RecorderTimeline(IKubernetes client, string @namespace, TargetSettings target) : IClusterTimeline
{
    private readonly PodEventRecorder _recorder = PodEventRecorder.ForTarget(client, @namespace, target);
    private Task? _stopped;

    /// <inheritdoc />
    public IReadOnlyList<ClusterEvent> Events => _recorder.Events;

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken ct = default)
    {
        await _recorder.StartAsync(ct).ConfigureAwait(false);
        await _recorder.Synced.WaitAsync(ct).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void Mark(ClusterEvent marker)
    {
        ArgumentNullException.ThrowIfNull(marker);
        _recorder.Mark(marker.Kind, marker.Role, marker.Pod, marker.Uid, marker.Node, marker.Detail);
    }

    /// <inheritdoc />
    public Task WaitUntilAsync(Func<IReadOnlyList<ClusterEvent>, bool> condition, TimeSpan timeout, string what, CancellationToken ct = default) =>
        _recorder.WaitUntilAsync(_ => condition(_recorder.Events), what, "the scenario's monitoring window", timeout, ct);

    /// <inheritdoc />
    public Task StopAsync() => _stopped ??= _recorder.DisposeAsync().AsTask();

    /// <inheritdoc />
    public ValueTask DisposeAsync() => new(StopAsync());
}
