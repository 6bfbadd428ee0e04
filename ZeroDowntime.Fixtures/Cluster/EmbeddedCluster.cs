using ZeroDowntime.Kubernetes;
using ZeroDowntime.Kubernetes.Config;
using ZeroDowntime.LocalCluster;

namespace ZeroDowntime.Fixtures.Cluster;

/// <summary>
/// The embedded local cluster, started in-process: API server, controllers, process kubelet and
/// load balancers, with the target's manifests applied. Disposing it stops every pod process.
/// </summary>
/// <example><code>
/// await using var cluster = await EmbeddedCluster.StartAsync("manifests/sample-target", nodes: 5, log);
/// using var session = ClusterSession.Open(cluster.Connection, settings);
/// </code></example>
public sealed class EmbeddedCluster : IAsyncDisposable
{
    private readonly LocalClusterHost _host;
    private readonly string _kubeconfig;
    private readonly string? _adminKubeconfig;

    private EmbeddedCluster(LocalClusterHost host, string kubeconfig, ClusterConnection connection, string? adminKubeconfig)
    {
        _host = host;
        _kubeconfig = kubeconfig;
        _adminKubeconfig = adminKubeconfig;
        Connection = connection;
    }

    /// <summary>A connection to the embedded API server (context <c>zd-local</c>).</summary>
    public ClusterConnection Connection { get; }

    /// <summary>The kubeconfig file written for it (kubectl works with it while the run lasts); with RBAC it holds the ServiceAccount's token.</summary>
    public string KubeconfigPath => _kubeconfig;

    /// <summary>
    /// Starts the cluster with <paramref name="nodes"/> nodes and applies the manifests in <paramref name="manifests"/>,
    /// with <paramref name="configure"/> applied to the options first. With <c>ZD_LOCAL_RBAC=1</c> it enforces RBAC and
    /// <see cref="Connection"/> authenticates as the suite's ServiceAccount (manifests/rbac) in <paramref name="targetNamespace"/>.
    /// </summary>
    public static async Task<EmbeddedCluster> StartAsync(string manifests, int nodes, Action<string> log, Action<LocalClusterOptions>? configure = null,
        string targetNamespace = "default", CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        var rbac = EmbeddedRbac.Requested;
        var options = EmbeddedClusterParts.Configure(new LocalClusterOptions { NodeCount = nodes, EnforceRbac = rbac });
        configure?.Invoke(options);
        var host = await LocalClusterHost.StartAsync(options, ct).ConfigureAwait(false);
        try
        {
            var applied = await host.ApplyManifestsAsync(manifests, ct).ConfigureAwait(false);
            log($"Embedded cluster at {host.Uri} with {nodes} nodes; applied {applied} objects from {manifests}");
            if (host.Faults is { } faults)
            {
                log(faults.Banner);
            }

            var kubeconfig = Path.Combine(Path.GetTempPath(), $"zd-local-{Environment.ProcessId}-{Guid.NewGuid():N}.kubeconfig");
            await host.WriteKubeconfigAsync(kubeconfig, ct).ConfigureAwait(false);
            var connection = new KubeConfigLoader().Load(kubeconfig, "zd-local");
            if (!rbac)
            {
                return new EmbeddedCluster(host, kubeconfig, connection, null);
            }

            var restricted = await EmbeddedRbac.WriteServiceAccountKubeconfigAsync(host, connection, targetNamespace, ct).ConfigureAwait(false);
            log($"RBAC enforced ({EmbeddedRbac.Variable}=1): the suite runs as system:serviceaccount:{targetNamespace}:{EmbeddedRbac.ServiceAccount}, "
                + $"bound by {EmbeddedRbac.Manifest} with a TokenRequest token");
            return new EmbeddedCluster(host, restricted, new KubeConfigLoader().Load(restricted, "zd-local"), kubeconfig);
        }
        catch
        {
            await host.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The API fault profile and seed (<c>mixed:1234</c>) the embedded API server runs with; null without faults.</summary>
    public string? Faults => _host.Faults is { } f ? FormattableString.Invariant($"{f.Profile.Name}:{f.Seed}") : null;

    /// <summary>How many API calls the embedded API server faulted on purpose (0 without <c>ZD_LOCAL_FAULTS</c>).</summary>
    public long FaultsInjected => _host.Faults?.Injected ?? 0;

    /// <summary>Waits (event-driven) until every pod is Ready and every workload has exactly its replicas, all Ready and updated.</summary>
    public Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken ct = default) => _host.WaitUntilReadyAsync(timeout, ct);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync().ConfigureAwait(false);
        try
        {
            File.Delete(_kubeconfig);
            if (_adminKubeconfig is not null)
            {
                File.Delete(_adminKubeconfig);
            }
        }
        catch (IOException)
        {
            // A leftover temp file is harmless.
        }
    }
}
