using k8s;
using k8s.Models;
using ZeroDowntime.Fixtures.Measurement;
using ZeroDowntime.Fixtures.Cluster;
using ZeroDowntime.Kubernetes;

namespace ZeroDowntime.Fixtures.Autoscaling;

/// <summary>
/// Records the HPA side of an autoscaling run into an <see cref="AutoscalingTimeline"/>: every status
/// change of the HPA and every Event about it (watches: its decisions arrive as they happen), and the
/// workers' CPU from the resource metrics API, polled at the API's own resolution (its reported
/// <c>window</c>; the API has no watch).
/// </summary>
/// <example><code>
/// await using var recorder = new AutoscalingRecorder(client, "default", "ray-worker", "ray.io/node-type=worker", timeline, "zd-local", narrate);
/// await recorder.StartAsync();   // returns once the HPA's current status is recorded
/// </code></example>
public sealed class AutoscalingRecorder : IAsyncDisposable
{
    /// <summary>Poll interval until the metrics API has reported a window for the workers (a pod is listed only after its first window).</summary>
    public static readonly TimeSpan InitialPollInterval = TimeSpan.FromSeconds(1);
    private readonly IKubernetes _client;
    private readonly string _namespace;
    private readonly string _hpaName;
    private readonly string _workerSelector;
    private readonly string _context;
    private readonly AutoscalingTimeline _timeline;
    private readonly Action<string> _narrate;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _hpaSynced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<Task> _loops = [];
    private int _disposed;

    /// <summary>Creates a recorder; nothing is watched before <see cref="StartAsync"/>.</summary>
    public AutoscalingRecorder(IKubernetes client, string ns, string hpaName, string workerSelector, AutoscalingTimeline timeline, string context, Action<string> narrate)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _namespace = ns;
        _hpaName = hpaName;
        _workerSelector = workerSelector;
        _timeline = timeline ?? throw new ArgumentNullException(nameof(timeline));
        _context = context;
        _narrate = narrate ?? (_ => { });
    }

    /// <summary>Starts the watches and the metrics poll; completes once the HPA's current status is recorded.</summary>
    public async Task StartAsync(CancellationToken ct = default)
    {
        _loops.Add(Task.Run(() => WatchHpaAsync(_stop.Token), CancellationToken.None));
        _loops.Add(Task.Run(() => WatchEventsAsync(_stop.Token), CancellationToken.None));
        _loops.Add(Task.Run(() => PollMetricsAsync(_stop.Token), CancellationToken.None));
        await _hpaSynced.Task.WaitAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Stops watching and polling; what was recorded stays in the timeline.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_loops.Select(l => l.ContinueWith(_ => { }, TaskScheduler.Default))).ConfigureAwait(false);
        _stop.Dispose();
    }

    /// <summary>The snapshot of an HPA as a watch event showed it.</summary>
    public static HpaSnapshot Snapshot(V2HorizontalPodAutoscaler hpa, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(hpa);
        var status = hpa.Status;
        var cpu = status?.CurrentMetrics?.FirstOrDefault(m => m.Resource?.Name == "cpu")?.Resource?.Current?.AverageUtilization;
        var conditions = (status?.Conditions ?? []).Select(c => new HpaConditionSnapshot(c.Type, c.Status, c.Reason, c.Message)).ToList();
        DateTimeOffset? scaled = status?.LastScaleTime is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : null;
        return new HpaSnapshot(at, status?.CurrentReplicas ?? 0, status?.DesiredReplicas ?? 0, cpu, scaled, conditions);
    }

    private async Task WatchHpaAsync(CancellationToken ct)
    {
        try
        {
            var options = new WatchOptions { FieldSelector = $"metadata.name={_hpaName}", Log = _narrate };
            await foreach (var (type, hpa) in _client.ListAndWatchAsync(KubeResources.HorizontalPodAutoscalers, _namespace, options, ct).ConfigureAwait(false))
            {
                if (type is WatchEventType.Added or WatchEventType.Modified)
                {
                    _timeline.Add(Snapshot(hpa, MeasurementClock.UtcNow));
                    _hpaSynced.TrySetResult();
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (Exception e)
        {
            _hpaSynced.TrySetException(e);
            _narrate($"Watching HorizontalPodAutoscaler {_hpaName} ended: {e.Message}");
        }
    }

    private async Task WatchEventsAsync(CancellationToken ct)
    {
        try
        {
            // Events have no field selector on every server: filter here. Events from before the run (the initial list) are not this run's decisions.
            await foreach (var change in _client.ListAndWatchAsync(KubeResources.Events, _namespace, new WatchOptions { Log = _narrate }, ct).ConfigureAwait(false))
            {
                var e = change.Object;
                if (change.Origin != WatchEventOrigin.InitialList && change.Type is WatchEventType.Added or WatchEventType.Modified
                    && e.InvolvedObject?.Kind == "HorizontalPodAutoscaler" && e.InvolvedObject.Name == _hpaName)
                {
                    _timeline.Add(new HpaEventRecord(MeasurementClock.UtcNow, e.Type ?? "Normal", e.Reason ?? "", e.Message ?? ""));
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (Exception e)
        {
            _narrate($"Watching events of {_hpaName} ended: {e.Message}");
        }
    }

    private async Task PollMetricsAsync(CancellationToken ct)
    {
        var interval = InitialPollInterval;
        string? lastProblem = null;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var (sample, problem) = await ResourceMetricsReader.ReadAsync(_client, _namespace, _workerSelector, _context, ct).ConfigureAwait(false);
                if (sample is { Pods: > 0 })
                {
                    _timeline.Add(sample);
                    interval = sample.Window > InitialPollInterval ? sample.Window : interval;
                }
                else if (problem is not null && problem != lastProblem)
                {
                    _narrate(problem);
                }

                lastProblem = problem;
                // The API's resolution is its window: polling faster only repeats the same answer.
                await Task.Delay(interval, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _narrate($"Reading the metrics API failed: {ApiFailures.Explain(e)}");
                await Task.Delay(interval, ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }
}
