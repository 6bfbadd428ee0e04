using ZeroDowntime.Kubernetes;
using ZeroDowntime.Kubernetes.Legacy;

namespace ZeroDowntime.Fixtures.Load;

// The log: followed from the start with timestamps, resumed with sinceTime after a break, de-duplicated.
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
                var options = new PodLogOptions { Container = K6JobManifests.ContainerName, Timestamps = true, SinceTime = cursor.ResumeFrom };
                await foreach (var raw in _client.FollowPodLogsAsync(pod, _namespace, options, cancellationToken).ConfigureAwait(false))
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
            catch (KubernetesApiException ex) when (ex.IsNotFound)
            {
                return; // the pod is gone: nothing more to read
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException or KubernetesConnectionException or KubernetesApiException or TimeoutException)
            {
                if (++breaks > MaxConsecutiveBreaks)
                {
                    Remember($"(the log stream kept breaking: {ex.Message})");
                    return;
                }

                Narrate($"log stream broke ({ex.Message}); resuming from {cursor.ResumeFrom:O}");
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
