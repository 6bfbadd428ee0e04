using k8s;
using ZeroDowntime.Fixtures.Cluster;
using ZeroDowntime.Kubernetes;

namespace ZeroDowntime.Fixtures.Recording;

// The watches: list (the initial state, then Synced), then watch from the list's resourceVersion.
public sealed partial class PodEventRecorder
{
    private async Task WatchPodsAsync(RecordedRole role, CancellationToken cancellationToken)
    {
        try
        {
            var list = await _client.ListAllAsync(KubeResources.Pods, _namespace, role.Selector, ct: cancellationToken).ConfigureAwait(false);
            lock (_gate)
            {
                foreach (var pod in list.Items)
                {
                    ApplyPod(role.Name, WatchEventType.Added, pod, initial: true);
                }

                MarkSynced();
            }

            var options = new WatchOptions { LabelSelector = role.Selector };
            await foreach (var change in _client.WatchFromListAsync(KubeResources.Pods, list, _namespace, options, cancellationToken).ConfigureAwait(false))
            {
                lock (_gate)
                {
                    ApplyPod(role.Name, change.Type, change.Object, initial: false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // disposed
        }
        catch (Exception ex)
        {
            Fail(new InvalidOperationException($"The pod watch of role {role.Name} ({role.Selector}) failed: {ApiFailures.Explain(ex)}", ex));
        }
    }

    private async Task WatchNodesAsync(CancellationToken cancellationToken)
    {
        try
        {
            var list = await _client.ListAllAsync(KubeResources.Nodes, ct: cancellationToken).ConfigureAwait(false);
            lock (_gate)
            {
                foreach (var node in list.Items)
                {
                    ApplyNode(WatchEventType.Added, node);
                }

                MarkSynced();
            }

            await foreach (var change in _client.WatchFromListAsync(KubeResources.Nodes, list, ct: cancellationToken).ConfigureAwait(false))
            {
                lock (_gate)
                {
                    ApplyNode(change.Type, change.Object);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // disposed
        }
        catch (Exception ex)
        {
            Fail(new InvalidOperationException($"The node watch failed: {ApiFailures.Explain(ex)}", ex));
        }
    }

    private void MarkSynced()
    {
        if (--_pendingSyncs == 0)
        {
            _synced.TrySetResult();
        }
    }

    private void Fail(Exception ex)
    {
        lock (_gate)
        {
            _fault ??= ex;
            _synced.TrySetException(ex);
            foreach (var waiter in _waiters)
            {
                waiter.Completion.TrySetException(ex);
            }

            _waiters.Clear();
        }
    }
}
