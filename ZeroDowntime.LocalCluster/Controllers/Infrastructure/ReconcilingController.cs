using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Storage;

namespace ZeroDowntime.LocalCluster.Controllers.Infrastructure;

/// <summary>
/// The shape of every controller here, as kube-controller-manager's: watches turn events into
/// object keys on a de-duplicating queue, one worker reconciles each key against the current
/// state, and a periodic resync re-queues everything as a safety net only. A reconcile that
/// throws is logged and retried; a 409 Conflict is retried at once.
/// </summary>
/// <example><code>
/// sealed class MyController(ControllerSettings s) : ReconcilingController(s)
/// {
///     public override string Name => "my";
///     protected override IEnumerable&lt;WatchSource&gt; Sources(ClusterApi api) => [new(api.Services, e => [KeyOf(e)])];
///     protected override IEnumerable&lt;string&gt; AllKeys(ClusterApi api) => api.Services.ListStored().Select(o => o.Key);
///     protected override TimeSpan? Reconcile(ClusterApi api, string key) => null;
/// }
/// </code></example>
public abstract class ReconcilingController : IClusterController
{
    private readonly ControllerSettings _settings;

    /// <summary>Creates the controller.</summary>
    protected ReconcilingController(ControllerSettings settings) => _settings = settings;

    /// <inheritdoc />
    public abstract string Name { get; }

    /// <summary>The resources to watch and the keys their events enqueue.</summary>
    protected abstract IEnumerable<WatchSource> Sources(ClusterApi api);

    /// <summary>Every key, for the periodic resync.</summary>
    protected abstract IEnumerable<string> AllKeys(ClusterApi api);

    /// <summary>Brings one object to its desired state; returns when to look again, or null.</summary>
    protected abstract TimeSpan? Reconcile(ClusterApi api, string key);

    /// <inheritdoc />
    public async Task RunAsync(ClusterApi api, CancellationToken ct)
    {
        var queue = new WorkQueue(api.Time);
        var readers = Sources(api).Select(s => Task.Run(() => PumpAsync(s, queue, ct), CancellationToken.None)).ToList();
        using var resync = api.Time.CreateTimer(_ =>
        {
            foreach (var key in SafeAllKeys(api))
            {
                queue.Add(key);
            }
        }, null, _settings.ResyncPeriod, _settings.ResyncPeriod);
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var key = await queue.TakeAsync(ct).ConfigureAwait(false);
                var again = ReconcileSafely(api, key);
                if (again is { } delay)
                {
                    queue.AddAfter(key, delay);
                }
            }
        }
        finally
        {
            await Task.WhenAll(readers.Select(r => r.ContinueWith(_ => { }, TaskScheduler.Default))).ConfigureAwait(false);
        }
    }

    /// <summary>Reconciles one key now, on the caller's thread (for deterministic tests).</summary>
    public TimeSpan? ReconcileNow(ClusterApi api, string key) => Reconcile(api, key);

    /// <summary><c>namespace/name</c> of the event's object.</summary>
    protected static string KeyOf(ResourceEvent e) => StoredObject.KeyOf(e.Namespace, e.Name);

    /// <summary>Splits a key into namespace (null for cluster-scoped) and name.</summary>
    protected static (string? Namespace, string Name) SplitKey(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (null, key) : (key[..slash], key[(slash + 1)..]);
    }

    /// <summary>Writes one line to the controller log.</summary>
    protected void Log(string message)
    {
        lock (_settings.Log)
        {
            _settings.Log.WriteLine($"[{Name}] {message}");
        }
    }

    private TimeSpan? ReconcileSafely(ClusterApi api, string key)
    {
        try
        {
            return Reconcile(api, key);
        }
        catch (ApiException e) when (e.Code == 409)
        {
            return TimeSpan.Zero;
        }
        catch (ApiException e) when (e.Code == 404)
        {
            // The object went away while we worked on it; its deletion event re-queues what matters.
            return null;
        }
        catch (Exception e)
        {
            Log($"reconciling {key} failed: {e.GetType().Name}: {e.Message}");
            return _settings.RetryDelay;
        }
    }

    private IEnumerable<string> SafeAllKeys(ClusterApi api)
    {
        try
        {
            return AllKeys(api).ToList();
        }
        catch (Exception e)
        {
            Log($"resync failed: {e.Message}");
            return [];
        }
    }

    private async Task PumpAsync(WatchSource source, WorkQueue queue, CancellationToken ct)
    {
        try
        {
            await foreach (var e in source.Resource.WatchAsync(ct: ct).ConfigureAwait(false))
            {
                foreach (var key in source.KeysFor(e))
                {
                    queue.Add(key);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (Exception e)
        {
            Log($"watch on {source.Resource.Type.Plural} ended: {e.Message}");
        }
    }
}
