using k8s.Autorest;
using ZeroDowntime.Kubernetes;

namespace ZeroDowntime.Fixtures.Cluster;

/// <summary>
/// Undo actions registered right after each mutation and run last-in-first-out. NotFound is success
/// (already gone); every other error is collected so one failure never stops the rest.
/// </summary>
/// <example><code>
/// await kube.CoreV1.PatchNodeAsync(cordon, node);
/// cleanup.Push($"uncordon node {node}", ct => cordoner.UncordonAsync(node, ct));
/// ...
/// var errors = await cleanup.RunAsync();   // "uncordon node zd-node-2" runs first
/// </code></example>
public sealed class CleanupStack
{
    private readonly Lock _gate = new();
    private readonly Stack<(string What, Func<CancellationToken, Task> Undo)> _actions = new();

    /// <summary>Actions still pending.</summary>
    public int Count
    {
        get { lock (_gate) { return _actions.Count; } }
    }

    /// <summary>Registers an undo action, e.g. <c>Push("delete pod x", ct => ...)</c>.</summary>
    public void Push(string what, Func<CancellationToken, Task> undo)
    {
        lock (_gate)
        {
            _actions.Push((what, undo));
        }
    }

    /// <summary>Runs every pending action, newest first; returns one line per failure ("uncordon node n: ...").</summary>
    public async Task<IReadOnlyList<string>> RunAsync(Action<string>? log = null, CancellationToken ct = default)
    {
        var errors = new List<string>();
        while (true)
        {
            (string What, Func<CancellationToken, Task> Undo) action;
            lock (_gate)
            {
                if (!_actions.TryPop(out action))
                {
                    break;
                }
            }

            try
            {
                log?.Invoke($"Cleanup: {action.What}");
                await action.Undo(ct).ConfigureAwait(false);
            }
            catch (HttpOperationException e) when (e.IsNotFound())
            {
                // Already gone: that is what cleanup wanted.
            }
            catch (Exception e)
            {
                errors.Add($"{action.What}: {ApiFailures.Explain(e)}");
            }
        }

        return errors;
    }
}
