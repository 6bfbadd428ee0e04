using k8s;
using k8s.Autorest;
using k8s.Models;
using ZeroDowntime.Fixtures.Cluster;
using ZeroDowntime.Fixtures.Measurement;
using ZeroDowntime.Kubernetes;

namespace ZeroDowntime.Fixtures.Load;

/// <summary>
/// One k6 Job and its pod: creates the ConfigMap and the Job (registering their deletion right after
/// each create), watches the pod, follows its log from the start and reaches a verdict.
/// </summary>
internal sealed partial class K6JobTry : IAsyncDisposable
{
    private const int LastLinesKept = 20;
    private static readonly TimeSpan LogDrainAfterExit = TimeSpan.FromSeconds(10);

    private readonly IKubernetes _client;
    private readonly K6JobOptions _options;
    private readonly string _namespace;
    private readonly List<(string What, Func<CancellationToken, Task> Delete)> _cleanups = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly AttemptLog _attempts = new();
    private readonly Queue<string> _lastLines = new();
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _firstAttempt = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<LoadSummary> _summary = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<V1Pod> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<K6JobPodAssessment> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _watch = Task.CompletedTask;
    private Task? _logs;
    private V1Pod? _pod;
    private bool _cleanedUp;

    public K6JobTry(IKubernetes client, K6JobOptions options, int number)
    {
        _client = client;
        _options = options;
        _namespace = options.Namespace;
        Number = number;
        Names = K6JobManifests.NamesFor(options, number);
    }

    public int Number { get; }

    public K6JobNames Names { get; }

    /// <summary>Completes at the first per-attempt line: k6 is sending.</summary>
    public Task FirstAttempt => _firstAttempt.Task;

    /// <summary>Completes with the summary once it was read from the log or the terminated message.</summary>
    public Task<LoadSummary> Summary => _summary.Task;

    /// <summary>Completes with the final verdict once the pod will not change any more.</summary>
    public Task<K6JobPodAssessment> Outcome => _outcome.Task;

    public IReadOnlyList<AttemptRecord> Attempts => _attempts.Snapshot();

    public V1Pod? Pod => Volatile.Read(ref _pod);

    public IReadOnlyList<string> LastLines
    {
        get
        {
            lock (_gate)
            {
                return [.. _lastLines];
            }
        }
    }

    public IReadOnlyList<string> CleanupErrors { get; private set; } = [];

    /// <summary>Creates the ConfigMap and the Job and starts watching for the pod.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _client.CoreV1.CreateNamespacedConfigMapAsync(K6JobManifests.ConfigMap(_options, Names), _namespace, cancellationToken: cancellationToken)
            .DescribeFailure().ConfigureAwait(false);
        _cleanups.Add(($"ConfigMap {Names.ConfigMap}", ct => _client.CoreV1.DeleteNamespacedConfigMapAsync(Names.ConfigMap, _namespace, cancellationToken: ct)));
        await _client.BatchV1.CreateNamespacedJobAsync(K6JobManifests.Job(_options, Names), _namespace, cancellationToken: cancellationToken)
            .DescribeFailure().ConfigureAwait(false);
        _cleanups.Add(($"Job {Names.Job}", DeleteJobAsync));
        Narrate($"created ConfigMap {Names.ConfigMap} and Job {Names.Job} (image {_options.Image})");
        _watch = Task.Run(() => WatchPodAsync(_stop.Token), CancellationToken.None);
    }

    /// <summary>Asks k6 to stop through its REST API (the pod proxy); returns the status line of the answer.</summary>
    public async Task<(bool Accepted, string Answer)> RequestStopAsync(CancellationToken cancellationToken)
    {
        if (Pod?.Metadata.Name is not { } pod)
        {
            return (false, "no pod to stop");
        }

        var response = await _client.ProxyToPodAsync(HttpMethod.Patch, _namespace, pod, _options.ApiPort, K6JobStopRequest.Path, K6JobStopRequest.Json, cancellationToken)
            .ConfigureAwait(false);
        var text = response.Body;
        return (response.IsSuccess, $"{(int)response.StatusCode} {(text.Length > 200 ? text[..200] + "..." : text)}");
    }

    /// <summary>
    /// Deletes the Job (Background, as kubectl does: its pod goes too, gets SIGTERM, and k6 exits 105 after its summary)
    /// without deleting the ConfigMap.
    /// </summary>
    public Task DeleteJobAsync(CancellationToken cancellationToken) =>
        IgnoreNotFound(() => _client.BatchV1.DeleteNamespacedJobAsync(Names.Job, _namespace, propagationPolicy: "Background", cancellationToken: cancellationToken));

    /// <summary>Deletes what was created, newest first, ignoring NotFound; collects errors instead of stopping at the first.</summary>
    public async Task CleanUpAsync(CancellationToken cancellationToken = default)
    {
        if (_cleanedUp)
        {
            return;
        }

        _cleanedUp = true;
        await _stop.CancelAsync().ConfigureAwait(false);
        var errors = new List<string>();
        for (var i = _cleanups.Count - 1; i >= 0; i--)
        {
            var (what, delete) = _cleanups[i];
            try
            {
                await IgnoreNotFound(() => delete(cancellationToken)).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                errors.Add($"deleting {what}: {ApiFailures.Explain(ex)}");
            }
        }

        CleanupErrors = errors;
        Narrate(errors.Count == 0 ? $"deleted Job {Names.Job} and ConfigMap {Names.ConfigMap}" : $"cleanup left errors: {string.Join("; ", errors)}");
        await Task.WhenAll(_watch, _logs ?? Task.CompletedTask).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public async ValueTask DisposeAsync()
    {
        await CleanUpAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private static async Task IgnoreNotFound(Func<Task> delete)
    {
        try
        {
            await delete().ConfigureAwait(false);
        }
        catch (HttpOperationException ex) when (ex.IsNotFound())
        {
            // already gone: cleanup's goal is reached
        }
    }

    private void Narrate(string message) => _options.Log?.Invoke($"k6 try {Number}: {message}");

    private void Remember(string line)
    {
        lock (_gate)
        {
            _lastLines.Enqueue(line.Length > 500 ? line[..500] + "..." : line);
            while (_lastLines.Count > LastLinesKept)
            {
                _lastLines.Dequeue();
            }
        }
    }
}
