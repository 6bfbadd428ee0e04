using k8s;
using k8s.Autorest;
using ZeroDowntime.Fixtures.Cluster;
using ZeroDowntime.Kubernetes;
using ZeroDowntime.MockVllm.Connections;

namespace ZeroDowntime.Fixtures.Connections;

// The client's log: followed from the start, every ZD_CONNECTION line a record, the summary line its end.
public sealed partial class ConnectionJobTraffic
{
    private void StartLogs(string pod)
    {
        lock (_gate)
        {
            _logs ??= Task.Run(() => FollowLogsAsync(pod, _stop.Token), CancellationToken.None);
        }
    }

    private async Task FollowLogsAsync(string pod, CancellationToken cancellationToken)
    {
        // Records are keyed by slot and attempt, so a log read again after a broken stream adds nothing twice.
        for (var reads = 0; reads < 5 && !_summary.Task.IsCompleted && !cancellationToken.IsCancellationRequested; reads++)
        {
            try
            {
                using var stream = await _client.CoreV1.ReadNamespacedPodLogAsync(pod, _options.Namespace, ConnectionJobManifests.ContainerName, follow: true,
                    cancellationToken: cancellationToken).ConfigureAwait(false);
                using var reader = new StreamReader(stream);
                while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
                {
                    OnLine(line);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (HttpOperationException e) when (e.IsNotFound())
            {
                return;
            }
            catch (Exception e) when (e is IOException or HttpRequestException or HttpOperationException or KubernetesConnectionException or TimeoutException)
            {
                Narrate($"the client's log stream broke ({ApiFailures.Explain(e)}); reading it again");
            }
        }
    }

    private void OnLine(string line)
    {
        if (ConnectionRecord.TryParseLine(line, out var record))
        {
            lock (_gate)
            {
                _records[(record.Slot, record.Attempt)] = record;
            }

            return;
        }

        lock (_gate)
        {
            _lastLines.Enqueue(line.Length > 300 ? line[..300] + "…" : line);
            while (_lastLines.Count > LastLinesKept)
            {
                _lastLines.Dequeue();
            }
        }

        if (line.Contains(ConnectionClientCommand.EstablishedPrefix, StringComparison.Ordinal))
        {
            _established.TrySetResult();
        }
        else if (line.Contains(ConnectionSummary.LinePrefix, StringComparison.Ordinal))
        {
            _summary.TrySetResult();
        }
    }
}
