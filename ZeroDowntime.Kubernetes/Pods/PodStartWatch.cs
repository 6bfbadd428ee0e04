using System.Threading.Channels;
using k8s;
using k8s.Models;

namespace ZeroDowntime.Kubernetes.Pods;

/// <summary>
/// Watches pods through the Kubernetes API and returns the first one that cannot start
/// (<see cref="PodStartRules"/>), with its evidence: the pod's latest Warning event and, for a crash loop,
/// the last lines of the previous run's log. The embedded cluster's <c>up</c> and the suite's cluster fixture
/// both wait with it, so a broken target fails the same way on every cluster.
/// </summary>
/// <example><code>
/// using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
/// var failure = PodStartWatch.FirstFailureAsync(client, "default", new PodStartWatchOptions { Grace = TimeSpan.FromSeconds(3) }, stop.Token);
/// var ready = WaitUntilReadyAsync(stop.Token);
/// if (await Task.WhenAny(failure, ready) == failure) throw new PodStartFailedException(await failure);
/// </code></example>
public static class PodStartWatch
{
    /// <summary>Returns when a pod of <paramref name="namespace"/> (null: every namespace) cannot start; runs until <paramref name="ct"/> is cancelled otherwise.</summary>
    public static async Task<PodStartFailure> FirstFailureAsync(IKubernetes client, string? @namespace, PodStartWatchOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        var detector = new PodStartFailureDetector(options.Grace, options.CrashLoopRestarts, options.Time);
        var events = Channel.CreateUnbounded<KubeWatchEvent<V1Pod>>(new UnboundedChannelOptions { SingleReader = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var pump = PumpAsync(client, @namespace, options.LabelSelector, events.Writer, stop.Token);
        try
        {
            while (true)
            {
                var failure = detector.Due() ?? await NextAsync(events.Reader, detector, options, stop.Token).ConfigureAwait(false);
                if (failure is not null)
                {
                    return await PodStartEvidence.AddToAsync(client, failure, options.LogLines, ct).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await pump.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The watch ends with the wait.
            }
        }
    }

    private static async Task<PodStartFailure?> NextAsync(ChannelReader<KubeWatchEvent<V1Pod>> reader, PodStartFailureDetector detector, PodStartWatchOptions options, CancellationToken ct)
    {
        // Wake up when a pending grace period ends even if no pod changes meanwhile.
        using var wake = CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (detector.UntilNextDue is { } due)
        {
            wake.CancelAfter(due + TimeSpan.FromMilliseconds(10));
        }

        try
        {
            if (!await reader.WaitToReadAsync(wake.Token).ConfigureAwait(false))
            {
                // The watch ended (it only ends on cancellation or a failure it could not recover from).
                await reader.Completion.ConfigureAwait(false);
                ct.ThrowIfCancellationRequested();
                throw new InvalidOperationException("The pod watch ended unexpectedly.");
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return detector.Due();
        }

        while (reader.TryRead(out var change))
        {
            var pod = change.Object;
            if (change.Type == WatchEventType.Deleted || (options.Include is { } include && !include(pod)))
            {
                detector.Forget(pod);
            }
            else if (change.Type is WatchEventType.Added or WatchEventType.Modified && detector.Observe(pod) is { } failure)
            {
                return failure;
            }
        }

        return detector.Due();
    }

    private static async Task PumpAsync(IKubernetes client, string? @namespace, string? selector, ChannelWriter<KubeWatchEvent<V1Pod>> writer, CancellationToken ct)
    {
        try
        {
            await foreach (var change in client.ListAndWatchAsync(KubeResources.Pods, @namespace, new WatchOptions { LabelSelector = selector }, ct).ConfigureAwait(false))
            {
                await writer.WriteAsync(change, ct).ConfigureAwait(false);
            }

            writer.TryComplete();
        }
        catch (Exception e)
        {
            writer.TryComplete(e);
            throw;
        }
    }
}
