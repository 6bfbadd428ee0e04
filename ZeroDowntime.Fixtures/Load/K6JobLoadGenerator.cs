using System.Globalization;
using k8s;
using k8s.Autorest;
using ZeroDowntime.Fixtures.Cluster;
using ZeroDowntime.Fixtures.Measurement;
using ZeroDowntime.Kubernetes;

namespace ZeroDowntime.Fixtures.Load;

/// <summary>
/// Runs k6 as a Kubernetes Job next to the target: a ConfigMap with the script, a Job with one pod
/// (<c>backoffLimit: 0</c>, <c>restartPolicy: Never</c>, <c>activeDeadlineSeconds</c>, REST API on
/// <c>0.0.0.0</c>). The pod's log is followed from the start and every per-attempt line becomes an
/// <see cref="AttemptRecord"/> (source <c>k6</c>) as it arrives. <see cref="StopAsync"/> stops k6
/// through the pod proxy (<c>PATCH /v1/status</c>), reads the summary and deletes the Job and ConfigMap.
/// </summary>
/// <remarks>
/// A load generator that cannot run (image not pulled, crash, OOM, exit 104/107/108/109, no summary)
/// is retried once with a fresh Job; then <see cref="LoadGeneratorFailedException"/> says the load
/// generator failed, not the service. A run whose attempts fail but which reached its stop and printed
/// its summary is a service result: the summary and the records say what the service did.
/// </remarks>
/// <example>
/// <code>
/// await using var load = new K6JobLoadGenerator(session.Client, new K6JobOptions
/// {
///     Load = new LoadOptions { Request = request, Rate = 5, MaxConcurrency = 10 },
///     RunId = runId, Namespace = session.Namespace, Image = settings.K6Image,
///     AvoidPodsMatching = [settings.Target.Workers.Selector], AvoidNode = nodeToDrain,
/// });
/// await load.StartAsync();            // returns at k6's first attempt
/// // ... disrupt ...
/// LoadSummary summary = await load.StopAsync();   // summary.Generator == "k6"
/// </code>
/// </example>
public sealed class K6JobLoadGenerator : ILoadGenerator
{
    /// <summary>The name reports show for this generator.</summary>
    public const string GeneratorName = "k6";

    private readonly IKubernetes _client;
    private readonly List<K6JobTry> _tries = [];
    private readonly List<string> _failures = [];
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private K6JobTry? _current;
    private int _state; // 0 new, 1 starting/started, 2 stopping/stopped

    /// <summary>Creates the generator; nothing is created in the cluster before <see cref="StartAsync"/>.</summary>
    public K6JobLoadGenerator(IKubernetes client, K6JobOptions options)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxTries, 1);
        _client = client;
        Options = options;
    }

    /// <inheritdoc />
    public string Name => GeneratorName;

    /// <summary>How the Job runs.</summary>
    public K6JobOptions Options { get; }

    /// <summary>The names of the Job and ConfigMap of the try that is running (or ran last); null before the start.</summary>
    public K6JobNames? CurrentNames => _current?.Names;

    /// <summary>The k6 pod's name once it exists.</summary>
    public string? PodName => _current?.Pod?.Metadata.Name;

    /// <summary>How many Jobs were created (1, or 2 after a retry).</summary>
    public int Tries => _tries.Count;

    /// <summary>Errors left by deleting the Jobs and ConfigMaps (NotFound is not an error).</summary>
    public IReadOnlyList<string> CleanupErrors => _tries.SelectMany(t => t.CleanupErrors).ToList();

    /// <inheritdoc />
    public Task Completion => _completion.Task;

    /// <inheritdoc />
    public IReadOnlyList<AttemptRecord> Attempts => _current?.Attempts ?? [];

    /// <inheritdoc />
    public LoadSummary? Summary { get; private set; }

    /// <summary>
    /// Creates the ConfigMap and the Job and returns once k6 reported its first attempt, within
    /// <see cref="K6JobOptions.StartTimeout"/>. A generator failure before that is retried once with a fresh Job.
    /// </summary>
    /// <exception cref="LoadGeneratorFailedException">Every try failed; the message carries each try's evidence.</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0)
        {
            throw new InvalidOperationException("A K6JobLoadGenerator can be started only once.");
        }

        for (var number = 1; number <= Options.MaxTries; number++)
        {
            var run = new K6JobTry(_client, Options, number);
            _tries.Add(run);
            await run.StartAsync(cancellationToken).ConfigureAwait(false);
            var failure = await WaitForStartAsync(run, cancellationToken).ConfigureAwait(false);
            if (failure is null)
            {
                _current = run;
                _ = CompleteWhenEndedAsync(run);
                return;
            }

            _failures.Add(await run.DescribeFailureAsync(failure, cancellationToken).ConfigureAwait(false));
            Options.Log?.Invoke($"k6 try {number} failed: {failure}" + (number < Options.MaxTries ? "; retrying once with a fresh Job" : ""));
            await run.CleanUpAsync(cancellationToken).ConfigureAwait(false);
        }

        var exception = new LoadGeneratorFailedException(GeneratorName, [.. _failures], Hint(_failures));
        _completion.TrySetException(exception);
        throw exception;
    }

    /// <summary>
    /// Stops k6 (<c>PATCH /v1/status</c> through the pod proxy; deleting the Job, which sends SIGTERM, if
    /// that is refused), waits for the summary within <see cref="K6JobOptions.SummaryTimeout"/>, then deletes
    /// the Job and the ConfigMap. If k6 already ended by itself, only collects.
    /// </summary>
    /// <exception cref="LoadGeneratorFailedException">k6 died or never printed its summary.</exception>
    public async Task<LoadSummary> StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.CompareExchange(ref _state, 2, 1) != 1 || _current is not { } run)
        {
            throw new InvalidOperationException(_state == 0 ? "The load generator was never started." : "The load generator was not started successfully or was already stopped.");
        }

        try
        {
            if (!run.Outcome.IsCompleted && !run.Summary.IsCompleted)
            {
                await RequestStopAsync(run, cancellationToken).ConfigureAwait(false);
            }

            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var ended = await Task.WhenAny(run.Summary, run.Outcome, Task.Delay(Options.SummaryTimeout, deadline.Token)).ConfigureAwait(false);
            await deadline.CancelAsync().ConfigureAwait(false); // no timer left behind
            cancellationToken.ThrowIfCancellationRequested();
            if (run.Summary.IsCompletedSuccessfully)
            {
                await run.DrainLogAfterSummaryAsync(cancellationToken).ConfigureAwait(false);
                Summary = run.Summary.Result with { Generator = GeneratorName };
                _completion.TrySetResult();
                return Summary;
            }

            var reason = ended == run.Outcome && run.Outcome.IsCompletedSuccessfully
                ? run.Outcome.Result.Reason
                : string.Create(CultureInfo.InvariantCulture, $"no summary within the k6 summary deadline ({Options.SummaryTimeout.TotalSeconds:0} s) after the stop request");
            _failures.Add(await run.DescribeFailureAsync(reason, cancellationToken).ConfigureAwait(false));
            var exception = new LoadGeneratorFailedException(GeneratorName, [.. _failures], Hint(_failures));
            _completion.TrySetException(exception);
            throw exception;
        }
        finally
        {
            await run.CleanUpAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Deletes every Job and ConfigMap still there (newest first); safe after a failed start.</summary>
    public async ValueTask DisposeAsync()
    {
        for (var i = _tries.Count - 1; i >= 0; i--)
        {
            await _tries[i].DisposeAsync().ConfigureAwait(false);
        }

        _completion.TrySetCanceled();
    }

    private async Task<string?> WaitForStartAsync(K6JobTry run, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var timeout = Task.Delay(Options.StartTimeout, deadline.Token);
        var first = await Task.WhenAny(run.FirstAttempt, run.Outcome, timeout).ConfigureAwait(false);
        await deadline.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (first == run.FirstAttempt)
        {
            Options.Log?.Invoke($"k6 try {run.Number}: first attempt reported; load is running");
            return null;
        }

        if (first == run.Outcome)
        {
            var outcome = await run.Outcome.ConfigureAwait(false);
            return outcome.State == K6JobPodState.Finished ? null : outcome.Reason;
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"k6 reported no attempt within the load start deadline ZD_TIMING__LOAD__START_TIMEOUT ({Options.StartTimeout.TotalSeconds:0} s); {K6JobFailures.Assess(run.Pod, false).Reason}");
    }

    private async Task RequestStopAsync(K6JobTry run, CancellationToken cancellationToken)
    {
        (bool Accepted, string Answer) stop;
        try
        {
            stop = await run.RequestStopAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is KubernetesConnectionException or HttpRequestException or HttpOperationException or TimeoutException)
        {
            stop = (false, ApiFailures.Explain(ex));
        }

        if (stop.Accepted)
        {
            Options.Log?.Invoke($"k6 try {run.Number}: stop requested through the REST API ({stop.Answer})");
            return;
        }

        // The REST API did not answer: deleting the Job makes the kubelet send SIGTERM, after which k6 still prints its summary (exit 105).
        Options.Log?.Invoke($"k6 try {run.Number}: the REST stop was not accepted ({stop.Answer}); deleting the Job so k6 gets SIGTERM");
        await run.DeleteJobAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task CompleteWhenEndedAsync(K6JobTry run)
    {
        var outcome = await run.Outcome.ConfigureAwait(false);
        if (outcome.State == K6JobPodState.Finished)
        {
            _completion.TrySetResult();
        }
        else if (Volatile.Read(ref _state) == 1)
        {
            _completion.TrySetException(Failed([.. _failures, await run.DescribeFailureAsync(outcome.Reason, CancellationToken.None).ConfigureAwait(false)]));
        }
    }

    private LoadGeneratorFailedException Failed(IReadOnlyList<string> tries) => new(GeneratorName, tries, Hint(tries));

    // An image the cluster cannot run is the user's choice to make: say how to pick the built-in generator.
    private string? Hint(IEnumerable<string> tries) =>
        tries.Any(t => t.Contains(K6JobFailures.ImageCannotBePulled, StringComparison.Ordinal)) ? Options.ImageFailureHint : null;
}
