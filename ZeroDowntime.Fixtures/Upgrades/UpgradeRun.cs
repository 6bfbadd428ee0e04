using System.Globalization;
using k8s;
using ZeroDowntime.Fixtures.Cluster;
using ZeroDowntime.Fixtures.Connections;
using ZeroDowntime.Fixtures.Measurement;
using ZeroDowntime.Fixtures.Recording;
using ZeroDowntime.Fixtures.Reporting;
using ZeroDowntime.Kubernetes;
using ZeroDowntime.LocalCluster.Networking;

namespace ZeroDowntime.Fixtures.Upgrades;

/// <summary>
/// One rolling upgrade under connection-level traffic, in the reference upgrade test's order: the
/// Deployment's pods recorded and the connections established, the image changed as
/// <c>kubectl set image</c> does, the rollout watched to completion and the old pods gone, a settle
/// time, then the traffic stopped and everything collected in a <see cref="ConnectionReport"/>.
/// </summary>
/// <example><code>
/// await using var upgrade = await UpgradeRun.StartAsync(kube, ns, options, new BuiltInConnectionTraffic(...));
/// await upgrade.ChangeImageAsync();
/// await upgrade.WatchRolloutAsync();
/// await upgrade.SettleAsync();
/// var report = await upgrade.StopAsync();   // report.Analysis.Lost, LostPerPod, LastingPerPod, FailedConnects
/// </code></example>
public sealed class UpgradeRun : IAsyncDisposable
{
    private readonly IKubernetes _client;
    private readonly string _namespace;
    private readonly UpgradeRunOptions _options;
    private readonly IConnectionTraffic _traffic;
    private readonly PodEventRecorder _recorder;
    private bool _stopped;
    private Task? _recorderStopped;

    private UpgradeRun(IKubernetes client, string @namespace, UpgradeRunOptions options, IConnectionTraffic traffic, PodEventRecorder recorder, ConnectionReport report)
    {
        _client = client;
        _namespace = @namespace;
        _options = options;
        _traffic = traffic;
        _recorder = recorder;
        Report = report;
    }

    /// <summary>What was measured so far (complete after <see cref="StopAsync"/>).</summary>
    public ConnectionReport Report { get; }

    /// <summary>Starts recording the Deployment's pods and the connection traffic; returns once every connection is established.</summary>
    public static async Task<UpgradeRun> StartAsync(IKubernetes client, string @namespace, UpgradeRunOptions options, IConnectionTraffic traffic,
        int connections, double rate, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(traffic);
        var deployment = await client.AppsV1.ReadNamespacedDeploymentAsync(options.Deployment, @namespace, cancellationToken: ct).DescribeFailure().ConfigureAwait(false);
        var service = await client.CoreV1.ReadNamespacedServiceAsync(options.Service, @namespace, cancellationToken: ct).DescribeFailure().ConfigureAwait(false);
        var recorder = new PodEventRecorder(client, @namespace, [new RecordedRole(options.Deployment, LabelSelectorText.Format(deployment.Spec.Selector))], recordNodes: false);
        var report = new ConnectionReport
        {
            Service = options.Service,
            Scheduler = SchedulerOf(service.Metadata.Annotations, options.EmbeddedCluster),
            Generator = traffic.Name,
            Target = traffic.Target,
            Connections = connections,
            Rate = rate,
            RolloutDeadline = options.RolloutDeadline,
        };
        var run = new UpgradeRun(client, @namespace, options, traffic, recorder, report);
        try
        {
            await recorder.StartAsync(ct).ConfigureAwait(false);
            await recorder.Synced.WaitAsync(ct).ConfigureAwait(false);
            options.Narrate(string.Create(CultureInfo.InvariantCulture,
                $"Opening {connections} connection(s) at {rate:0.##}/s each to {traffic.Target} ({traffic.Name}; scheduler {report.Scheduler})"));
            await traffic.StartAsync(options.TrafficStartDeadline, ct).ConfigureAwait(false);
            options.Narrate($"All {connections} connection(s) established");
            return run;
        }
        catch
        {
            await run.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Changes the image (the old pods are the Deployment's pods at this moment) and registers putting the original back.</summary>
    public async Task<ImageChange> ChangeImageAsync(CancellationToken ct = default)
    {
        var old = _recorder.Current.Pods.GetValueOrDefault(_options.Deployment, []).Where(p => !p.Terminating).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var change = await DeploymentUpgrader.SetImageAsync(_client, _namespace, _options.Deployment, _options.Container, _options.Image, ct).ConfigureAwait(false);
        _options.Cleanup?.Push($"restore the image of deployment {change.Deployment} to {change.OldImage}", token => RestoreAsync(change, token));
        (Report.Change, Report.OldPods) = (change, old);
        _options.Narrate(string.Create(CultureInfo.InvariantCulture,
            $"Set image deployment/{change.Deployment} {change.Container}={change.NewImage} (was {change.OldImage}): {change.Replicas} replicas, maxSurge {change.MaxSurge}, maxUnavailable {change.MaxUnavailable}; {old.Count} old pod(s)"));
        return change;
    }

    /// <summary>Watches the rollout to completion (event-driven, bounded by the rollout deadline), then until the last old pod is gone.</summary>
    public async Task<RolloutResult> WatchRolloutAsync(CancellationToken ct = default)
    {
        var change = Report.Change ?? throw new InvalidOperationException("The image was not changed: the upgrade step did not run.");
        var rollout = Report.Rollout = await DeploymentUpgrader.WatchRolloutAsync(_client, _namespace, change, _options.RolloutDeadline,
            step => _options.Narrate($"Rollout: {step.Describe(change.Replicas)}"), ct).ConfigureAwait(false);
        if (rollout.CompletedAt is not { } completed)
        {
            _options.Narrate($"Rollout not complete within {_options.RolloutDeadline.TotalSeconds:0} s: {rollout.LastStatus}");
            return rollout;
        }

        _options.Narrate(string.Create(CultureInfo.InvariantCulture, $"Rollout complete {(completed - change.AcceptedAt).TotalSeconds:0.0} s after the image change; waiting for the old pods to go"));
        var left = change.AcceptedAt + _options.RolloutDeadline - MeasurementClock.UtcNow;
        try
        {
            // Their connections end only when they finish terminating (preStop, then SIGTERM): those losses belong to the upgrade.
            await _recorder.WaitUntilAsync(s => !s.Pods.GetValueOrDefault(_options.Deployment, []).Any(p => Report.OldPods.Contains(p.Name)),
                "every old pod gone", "ZD_TIMING__ROLLING_UPGRADE__ROLLOUT_DEADLINE", left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1), ct).ConfigureAwait(false);
            Report.OldPodsGoneAt = MeasurementClock.UtcNow;
        }
        catch (TimeoutException e)
        {
            _options.Narrate(e.Message);
        }

        return rollout;
    }

    /// <summary>The settle time after the rollout: traffic goes on and is measured.</summary>
    public Task SettleAsync(CancellationToken ct = default)
    {
        _options.Narrate($"Settling for {_options.Settle.TotalSeconds:0.#} s");
        // The settle time is the scenario's own mandated wait (the seed's 6 s after the upgrade).
        return Scenarios.MandatedWait.HoldAsync(_options.Result, _options.Settle, "the settle time (ZD_TIMING__ROLLING_UPGRADE__SETTLE)", ct);
    }

    /// <summary>Stops the traffic and the recorder and completes <see cref="Report"/>.</summary>
    public async Task<ConnectionReport> StopAsync(CancellationToken ct = default)
    {
        if (_stopped)
        {
            return Report;
        }

        _stopped = true;
        Report.StoppedAt = MeasurementClock.UtcNow;
        Report.Records = await _traffic.StopAsync(ct).ConfigureAwait(false);
        await StopRecorderAsync().ConfigureAwait(false);
        Report.PodEvents = _recorder.Events;
        if (Report.Analysis is { } a)
        {
            _options.Narrate(string.Create(CultureInfo.InvariantCulture,
                $"Connections: {a.Lost.Count} lost ({a.OpenOnOldPods} were open on old pods), {a.Lasting.Count} lasting, {a.FailedConnects.Count} failed connect(s), {a.Requests.Failed} failed request(s)"));
        }

        return Report;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_stopped)
        {
            try
            {
                await StopAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or TimeoutException)
            {
                _options.Narrate($"Stopping the connection traffic failed: {e.Message}");
            }
        }

        await _traffic.DisposeAsync().ConfigureAwait(false);
        await StopRecorderAsync().ConfigureAwait(false);
    }

    // The recorder is stopped once: its events stay readable after.
    private Task StopRecorderAsync() => _recorderStopped ??= _recorder.DisposeAsync().AsTask();

    private async Task RestoreAsync(ImageChange change, CancellationToken ct)
    {
        var back = await DeploymentUpgrader.SetImageAsync(_client, _namespace, change.Deployment, change.Container, change.OldImage, ct).ConfigureAwait(false);
        var rollout = await DeploymentUpgrader.WatchRolloutAsync(_client, _namespace, back, _options.RolloutDeadline, ct: ct).ConfigureAwait(false);
        if (rollout.CompletedAt is null)
        {
            throw new InvalidOperationException($"putting image {change.OldImage} back on deployment {change.Deployment} did not complete within {_options.RolloutDeadline.TotalSeconds:0} s: {rollout.LastStatus}");
        }

        _options.Narrate($"Restored deployment/{change.Deployment} to {change.OldImage}");
    }

    private static string SchedulerOf(IDictionary<string, string>? annotations, bool embedded)
    {
        var value = annotations?.TryGetValue(ConnectionSchedulers.Annotation, out var v) == true ? v : null;
        return (value, embedded) switch
        {
            ({ } set, true) => $"{set} ({ConnectionSchedulers.Annotation})",
            (null, true) => $"{ConnectionSchedulers.RoundRobin} (default)",
            ({ } set, false) => $"{set} ({ConnectionSchedulers.Annotation}; the embedded cluster's load balancer honours it, yours decides for itself)",
            _ => "the cluster's load balancer's own",
        };
    }
}
