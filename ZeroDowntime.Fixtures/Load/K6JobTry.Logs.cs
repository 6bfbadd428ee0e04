using k8s;
using k8s.Autorest;
using ZeroDowntime.Fixtures.Cluster;
using ZeroDowntime.Fixtures.Measurement;
using ZeroDowntime.Kubernetes;

namespace ZeroDowntime.Fixtures.Load;

// The log: followed from the start with timestamps, resumed with sinceSeconds after a break, de-duplicated by the cursor.
internal sealed partial class K6JobTry
{
    private const int MaxConsecutiveBreaks = 8;
    private static readonly TimeSpan ExitEventWait = TimeSpan.FromSeconds(5);

    private async Task FollowLogsAsync(string pod, CancellationToken cancellationToken)
    {
        var cursor = new K6JobLogCursor();
        var breaks = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var exitedBeforeThisStream = _exited.Task.IsCompleted; // then this stream holds every remaining line
            var resumed = cursor.ResumeFrom is not null;
            if (resumed)
            {
                cursor.BeginResume();
            }

            try
            {
                var stream = await _client.CoreV1.ReadNamespacedPodLogAsync(pod, _namespace, K6JobManifests.ContainerName, follow: true,
                    sinceSeconds: cursor.ResumeSinceSeconds(MeasurementClock.UtcNow), timestamps: true, cancellationToken: cancellationToken).ConfigureAwait(false);
                using var reader = new StreamReader(stream);
                while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } raw)
                {
                    breaks = 0;
                    if (cursor.Accept(raw, out var line))
                    {
                        OnLine(line);
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (HttpOperationException ex) when (ex.IsNotFound())
            {
                return; // the pod is gone: nothing more to read
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException or KubernetesConnectionException or HttpOperationException or TimeoutException)
            {
                if (++breaks > MaxConsecutiveBreaks)
                {
                    Remember($"(the log stream kept breaking: {ApiFailures.Explain(ex)})");
                    return;
                }

                Narrate($"log stream broke ({ApiFailures.Explain(ex)}); resuming from {cursor.ResumeFrom:O}");
                await Task.Delay(TimeSpan.FromMilliseconds(100 * breaks), cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                continue;
            }

            // A clean end: the container exited (the pod watch says so next) or the server cut the stream.
            // Either way read once more from the cursor; a stream opened after the exit is the last one.
            if (exitedBeforeThisStream)
            {
                return;
            }

            await Task.WhenAny(_exited.Task, Task.Delay(ExitEventWait, cancellationToken)).ConfigureAwait(false); // WhenAny never throws
        }
    }

    /// <summary>
    /// k6 writes its attempt lines to stderr and the summary to stdout, so the pod's log can deliver the last
    /// attempts after the summary. Returns once the pod's verdict is in (it exited and its log ended), or after
    /// the log drain time, so the records add up to the summary before the Job is deleted.
    /// </summary>
    public async Task DrainLogAfterSummaryAsync(CancellationToken cancellationToken)
    {
        using var drain = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await Task.WhenAny(Outcome, Task.Delay(ExitEventWait + LogDrainAfterExit, drain.Token)).ConfigureAwait(false); // WhenAny never throws
        await drain.CancelAsync().ConfigureAwait(false); // no timer left behind
        cancellationToken.ThrowIfCancellationRequested();
    }

    private void OnLine(string line)
    {
        if (K6LineParser.TryParse(line, out var attempt))
        {
            _attempts.Add(attempt);
            _firstAttempt.TrySetResult();
            return;
        }

        Remember(line);
        if (line.Contains(K6SummaryParser.Marker, StringComparison.Ordinal))
        {
            TrySummary(line, "log");
        }
    }
}
