using k8s;
using k8s.Models;
using ZeroDowntime.Fixtures.Cluster;
using ZeroDowntime.Kubernetes;

namespace ZeroDowntime.Fixtures.Load;

// The pod: found by the job-name label on a watch, assessed on every change, its log followed once it runs.
internal sealed partial class K6JobTry
{
    private async Task WatchPodAsync(CancellationToken cancellationToken)
    {
        try
        {
            var options = new WatchOptions { LabelSelector = $"{K6JobManifests.JobNameLabel}={Names.Job}" };
            await foreach (var (type, pod) in _client.ListAndWatchAsync(KubeResources.Pods, _namespace, options, cancellationToken).ConfigureAwait(false))
            {
                if (Pod is { } known && known.Metadata.Uid != pod.Metadata.Uid && known.Metadata.DeletionTimestamp is null)
                {
                    continue; // backoffLimit 0 means one pod; ignore anything else carrying the label
                }

                Volatile.Write(ref _pod, pod);
                if (type == WatchEventType.Deleted)
                {
                    OnPodGone(pod);
                    return;
                }

                OnPodChanged(pod);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // stopped by cleanup
        }
        catch (Exception ex)
        {
            _outcome.TrySetResult(new K6JobPodAssessment(K6JobPodState.GeneratorFailed, $"watching the k6 pod failed: {ApiFailures.Explain(ex)}", Pod is { } p ? K6JobFailures.Describe(p) : "no pod"));
        }
    }

    private void OnPodChanged(V1Pod pod)
    {
        var container = pod.Status?.ContainerStatuses?.FirstOrDefault(c => c.Name == K6JobManifests.ContainerName);
        if (container?.State?.Terminated is { } terminated)
        {
            if (!string.IsNullOrWhiteSpace(terminated.Message))
            {
                TrySummary(terminated.Message, "terminated message");
            }

            StartLogs(pod);
            if (_exited.TrySetResult(pod))
            {
                Narrate($"k6 exited with code {terminated.ExitCode} ({K6JobFailures.ExitCodeMeaning(terminated.ExitCode)})");
                _ = DecideAfterExitAsync();
            }

            return;
        }

        var assessment = K6JobFailures.Assess(pod, _summary.Task.IsCompletedSuccessfully);
        if (assessment.State == K6JobPodState.Running)
        {
            StartLogs(pod);
        }
        else if (assessment.State == K6JobPodState.GeneratorFailed)
        {
            _outcome.TrySetResult(assessment);
        }
    }

    private void OnPodGone(V1Pod pod)
    {
        var assessment = K6JobFailures.Assess(pod, _summary.Task.IsCompletedSuccessfully);
        if (_exited.TrySetResult(pod))
        {
            _ = DecideAfterExitAsync();
        }
        else if (!assessment.IsTerminal)
        {
            _outcome.TrySetResult(new K6JobPodAssessment(K6JobPodState.GeneratorFailed, "the k6 pod was deleted while it ran", assessment.Evidence));
        }
    }

    /// <summary>After the container exited, let the log stream deliver its last lines (the summary) before judging.</summary>
    private async Task DecideAfterExitAsync()
    {
        var pod = await _exited.Task.ConfigureAwait(false);
        if (_logs is { } logs)
        {
            await ((Task)Task.WhenAny(logs, Task.Delay(LogDrainAfterExit, _stop.Token))).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        var latest = Pod ?? pod;
        var assessment = K6JobFailures.Assess(latest.Status?.ContainerStatuses is { Count: > 0 } ? latest : pod, _summary.Task.IsCompletedSuccessfully);
        if (!assessment.IsTerminal)
        {
            assessment = _summary.Task.IsCompletedSuccessfully
                ? new K6JobPodAssessment(K6JobPodState.Finished, "k6 left its summary", assessment.Evidence)
                : new K6JobPodAssessment(K6JobPodState.GeneratorFailed, "the k6 pod disappeared without a summary", assessment.Evidence);
        }

        _outcome.TrySetResult(assessment);
    }

    private void StartLogs(V1Pod pod)
    {
        lock (_gate)
        {
            if (_logs is not null || pod.Metadata.Name is not { } name)
            {
                return;
            }

            Narrate($"pod {name} is running on node {pod.Spec?.NodeName ?? "(unknown)"}; following its log from the start");
            _logs = Task.Run(() => FollowLogsAsync(name, _stop.Token), CancellationToken.None);
        }
    }

    private void TrySummary(string text, string source)
    {
        if (_summary.Task.IsCompleted)
        {
            return;
        }

        try
        {
            var summary = K6SummaryParser.Parse(text);
            if (_summary.TrySetResult(summary))
            {
                Narrate($"summary read from the {source}: {summary.Attempts} attempts, {summary.Successes} successes");
            }
        }
        catch (FormatException ex)
        {
            Remember($"(unreadable summary in the {source}: {ex.Message})");
        }
    }
}
