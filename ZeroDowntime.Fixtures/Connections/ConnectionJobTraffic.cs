using System.Globalization;
using k8s;
using k8s.Autorest;
using k8s.Models;
using ZeroDowntime.Fixtures.Cluster;
using ZeroDowntime.Kubernetes;
using ZeroDowntime.MockVllm.Connections;

namespace ZeroDowntime.Fixtures.Connections;

/// <summary>
/// The connection traffic as a Job next to the target, for real clusters (the connections then go
/// through the Service's cluster IP, as in-cluster clients' do). The Job runs MockVllm's
/// <c>connection-client</c>; its log is followed from the start and every <c>ZD_CONNECTION</c> line becomes
/// a <see cref="ConnectionRecord"/>. <see cref="StopAsync"/> deletes the Job: the kubelet's SIGTERM makes
/// the client end its connections as lasting and print their records and its summary.
/// </summary>
/// <example><code>
/// await using var traffic = new ConnectionJobTraffic(session.Client, new ConnectionJobOptions
/// {
///     RunId = runId, Namespace = session.Namespace, Image = "zerodowntime/mock-vllm:latest", Service = "ray-serve-connections", Port = 5003,
/// });
/// await traffic.StartAsync(TimeSpan.FromMinutes(5));   // every connection established
/// var records = await traffic.StopAsync();
/// </code></example>
public sealed partial class ConnectionJobTraffic : IConnectionTraffic
{
    /// <summary>The name reports show.</summary>
    public const string GeneratorName = "job";

    private const int LastLinesKept = 10;

    private readonly IKubernetes _client;
    private readonly ConnectionJobOptions _options;
    private readonly Lock _gate = new();
    private readonly Dictionary<(int Slot, int Attempt), ConnectionRecord> _records = [];
    private readonly Queue<string> _lastLines = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _established = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _summary = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<string> _failed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _watch = Task.CompletedTask;
    private Task? _logs;
    private V1Pod? _pod;
    private bool _created;
    private bool _deleted;

    /// <summary>Creates the generator; nothing is created in the cluster before <see cref="StartAsync"/>.</summary>
    public ConnectionJobTraffic(IKubernetes client, ConnectionJobOptions options)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        JobName = ConnectionJobManifests.JobName(options.RunId);
    }

    /// <inheritdoc />
    public string Name => GeneratorName;

    /// <inheritdoc />
    public string Target => string.Create(CultureInfo.InvariantCulture, $"service {_options.Service}:{_options.Port} (cluster IP, from Job {JobName})");

    /// <summary>The Job's name.</summary>
    public string JobName { get; }

    /// <inheritdoc />
    public IReadOnlyList<ConnectionRecord> Records
    {
        get
        {
            lock (_gate)
            {
                return _records.Values.OrderBy(r => r.End).ToList();
            }
        }
    }

    /// <inheritdoc />
    public async Task StartAsync(TimeSpan deadline, CancellationToken cancellationToken = default)
    {
        await _client.BatchV1.CreateNamespacedJobAsync(ConnectionJobManifests.Job(_options), _options.Namespace, cancellationToken: cancellationToken)
            .DescribeFailure().ConfigureAwait(false);
        _created = true;
        Narrate($"created Job {JobName} ({_options.Image}): {_options.Connections} connection(s) to service {_options.Service}:{_options.Port}");
        _watch = Task.Run(() => WatchPodAsync(_stop.Token), CancellationToken.None);
        var timeout = Task.Delay(deadline, cancellationToken);
        var first = await Task.WhenAny(_established.Task, _failed.Task, timeout).ConfigureAwait(false);
        if (first == _established.Task)
        {
            return;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var why = first == _failed.Task ? await _failed.Task.ConfigureAwait(false)
            : string.Create(CultureInfo.InvariantCulture, $"not every connection was established within {deadline.TotalSeconds:0} s (ZD_TIMING__LOAD__START_TIMEOUT)");
        throw new InvalidOperationException($"The connection client Job {JobName} failed, not the service under test: {why}. {Evidence()}");
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ConnectionRecord>> StopAsync(CancellationToken cancellationToken = default)
    {
        if (!_summary.Task.IsCompleted)
        {
            await DeleteJobAsync(cancellationToken).ConfigureAwait(false); // SIGTERM: the client prints its last records and its summary
            var ended = await Task.WhenAny(_summary.Task, Task.Delay(_options.SummaryTimeout, cancellationToken)).ConfigureAwait(false);
            if (ended != _summary.Task)
            {
                cancellationToken.ThrowIfCancellationRequested();
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                    $"The connection client Job {JobName} printed no summary within {_options.SummaryTimeout.TotalSeconds:0} s of its stop: the records are incomplete. {Evidence()}"));
            }
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        return Records;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await DeleteJobAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpOperationException or HttpRequestException or KubernetesConnectionException or TimeoutException)
        {
            Narrate($"deleting Job {JobName} failed: {ApiFailures.Explain(e)}; the next run removes it");
        }

        await Task.WhenAll(_watch, _logs ?? Task.CompletedTask).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task DeleteJobAsync(CancellationToken cancellationToken)
    {
        if (!_created || _deleted)
        {
            return;
        }

        _deleted = true;
        try
        {
            // Background, as kubectl does: the pod goes too, and its client gets SIGTERM.
            await _client.BatchV1.DeleteNamespacedJobAsync(JobName, _options.Namespace, propagationPolicy: "Background", cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            Narrate($"deleted Job {JobName}");
        }
        catch (HttpOperationException e) when (e.IsNotFound())
        {
            // Already gone.
        }
    }

    private async Task WatchPodAsync(CancellationToken cancellationToken)
    {
        try
        {
            var options = new WatchOptions { LabelSelector = $"job-name={JobName}" };
            await foreach (var (type, pod) in _client.ListAndWatchAsync(KubeResources.Pods, _options.Namespace, options, cancellationToken).ConfigureAwait(false))
            {
                Volatile.Write(ref _pod, pod);
                var container = pod.Status?.ContainerStatuses?.FirstOrDefault();
                if (container?.State?.Running is not null || container?.State?.Terminated is not null)
                {
                    StartLogs(pod.Metadata.Name);
                }

                if (container?.State?.Waiting is { Reason: "ErrImagePull" or "ImagePullBackOff" or "InvalidImageName" or "ErrImageNeverPull" or "CreateContainerError" } waiting)
                {
                    _failed.TrySetResult($"its container cannot start ({waiting.Reason}: {waiting.Message})");
                }
                else if (type == WatchEventType.Deleted && !_deleted)
                {
                    _failed.TrySetResult("its pod was deleted");
                }
                else if (container?.State?.Terminated is { } terminated && !_established.Task.IsCompleted)
                {
                    _failed.TrySetResult(string.Create(CultureInfo.InvariantCulture, $"the client exited with code {terminated.ExitCode} before every connection was established"));
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped.
        }
        catch (Exception e) when (e is HttpOperationException or HttpRequestException or KubernetesConnectionException or IOException or TimeoutException)
        {
            _failed.TrySetResult($"watching its pod failed: {ApiFailures.Explain(e)}");
        }
    }

    private string Evidence()
    {
        var pod = Volatile.Read(ref _pod);
        var container = pod?.Status?.ContainerStatuses?.FirstOrDefault();
        var state = container?.State?.Waiting is { } w ? $"waiting ({w.Reason})"
            : container?.State?.Terminated is { } t ? string.Create(CultureInfo.InvariantCulture, $"terminated ({t.Reason}, exit code {t.ExitCode})")
            : container?.State?.Running is not null ? "running" : "not started";
        List<string> lines;
        lock (_gate)
        {
            lines = [.. _lastLines];
        }

        return pod is null ? "No pod was created." : $"Pod {pod.Metadata.Name} phase {pod.Status?.Phase ?? "unknown"}, container {state}; last log lines: {(lines.Count == 0 ? "none" : string.Join(" | ", lines))}";
    }

    private void Narrate(string message) => _options.Log?.Invoke($"connection client: {message}");
}
