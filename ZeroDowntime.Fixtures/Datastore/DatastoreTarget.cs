using k8s;
using k8s.Models;
using ZeroDowntime.Fixtures.Cluster;
using ZeroDowntime.Fixtures.Configuration;
using ZeroDowntime.Fixtures.Scenarios;
using ZeroDowntime.Kubernetes;

namespace ZeroDowntime.Fixtures.Datastore;

/// <summary>
/// The target's datastore for DatastoreFailover, reached the way its clients reach it: the Sentinels through their
/// Service (<c>ZD_TARGET__DATASTORE__SENTINEL_SERVICE</c>), the primary at the address they name. Maps addresses to
/// the Redis role's pods (by pod IP) and says why no Sentinel answers.
/// </summary>
/// <remarks>
/// The suite connects to the Service's cluster IP and the pods' IPs: on the embedded cluster they are loopback
/// addresses; on a real cluster the suite must run where the cluster network is routable (in-cluster, or a peered network).
/// </remarks>
public sealed class DatastoreTarget : IAsyncDisposable
{
    private readonly IKubernetes _client;
    private readonly string _namespace;
    private readonly ZeroDowntimeSettings _settings;

    private DatastoreTarget(IKubernetes client, string ns, ZeroDowntimeSettings settings, SentinelDatastore datastore)
    {
        _client = client;
        _namespace = ns;
        _settings = settings;
        Datastore = datastore;
    }

    /// <summary>The Sentinel client.</summary>
    public SentinelDatastore Datastore { get; }

    private DatastoreSettings Settings => _settings.Target.Datastore;

    /// <summary>Finds the Sentinels' Service and opens a client to it; null when the Service does not exist (no Sentinel).</summary>
    public static async Task<DatastoreTarget?> OpenAsync(IScenarioHost host, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        var settings = host.Settings;
        V1Service service;
        try
        {
            service = await host.Client.CoreV1.ReadNamespacedServiceAsync(settings.Target.Datastore.SentinelService, host.Namespace, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.IsNotFound())
        {
            return null;
        }

        var port = service.Spec?.Ports?.FirstOrDefault()?.Port ?? 26379;
        var address = $"{service.Spec?.ClusterIP}:{port}";
        var datastore = new SentinelDatastore([address], settings.Target.Datastore.MasterName, settings.Timing.DatastoreFailover.WriteTimeout);
        return new DatastoreTarget(host.Client, host.Namespace, settings, datastore);
    }

    /// <summary>
    /// Why no Sentinel can fail the datastore over, from the Sentinel pods: none match the selector, or none is Ready and
    /// here is what the first one says (its container's waiting reason and message, e.g. the embedded cluster's
    /// "this pod needs redis-server ... has no Sentinel").
    /// </summary>
    public static async Task<string> WhyNoSentinelAsync(IScenarioHost host, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        var settings = host.Settings.Target.Datastore;
        var pods = (await host.Client.ListAllAsync(KubeResources.Pods, host.Namespace, settings.SentinelSelector, ct: ct).DescribeFailure().ConfigureAwait(false)).Items;
        if (pods.Count == 0)
        {
            return $"no pod matches ZD_TARGET__DATASTORE__SENTINEL_SELECTOR '{settings.SentinelSelector}' in namespace '{host.Namespace}': the datastore has no Sentinel to fail it over";
        }

        var waiting = pods.Select(p => (Pod: p, Waiting: p.Status?.ContainerStatuses?.Select(c => c.State?.Waiting).FirstOrDefault(w => w is not null)))
            .FirstOrDefault(p => p.Waiting is not null);
        return waiting.Waiting is { } w
            ? $"{waiting.Pod.Metadata.Name} is waiting ({w.Reason}): {w.Message}"
            : $"none of the {pods.Count} Sentinel pod(s) ({string.Join(", ", pods.Select(p => p.Metadata.Name))}) is Ready";
    }

    /// <summary>The Redis role's pod whose IP is <paramref name="address"/>'s host; null when none (yet).</summary>
    public async Task<V1Pod?> PodAtAsync(string address, CancellationToken ct = default)
    {
        var host = Host(address);
        return (await RedisPodsAsync(ct).ConfigureAwait(false)).FirstOrDefault(p => p.Status?.PodIP == host);
    }

    /// <summary>The Redis role's pods.</summary>
    public async Task<IReadOnlyList<V1Pod>> RedisPodsAsync(CancellationToken ct = default) =>
        (await _client.ListAllAsync(KubeResources.Pods, _namespace, _settings.Target.Redis.Selector, ct: ct).DescribeFailure().ConfigureAwait(false)).Items.ToList();

    /// <summary><c>redis-0 (127.10.0.5:6379)</c>, or the bare address when no pod has it.</summary>
    public static string Describe(V1Pod? pod, string address) => pod is null ? address : $"{pod.Metadata.Name} ({address})";

    /// <summary>The host part of host:port.</summary>
    public static string Host(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address[..address.LastIndexOf(':')];
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Datastore.DisposeAsync();
}
