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

    private EmbeddedCluster(LocalClusterHost host, string kubeconfig, ClusterConnection connection)
    {
        _host = host;
        _kubeconfig = kubeconfig;
        Connection = connection;
    }

    /// <summary>A connection to the embedded API server (context <c>zd-local</c>).</summary>
    public ClusterConnection Connection { get; }

    /// <summary>The kubeconfig file written for it (kubectl works with it while the run lasts).</summary>
    public string KubeconfigPath => _kubeconfig;

    /// <summary>Starts the cluster with <paramref name="nodes"/> nodes and applies the manifests in <paramref name="manifests"/>.</summary>
    public static async Task<EmbeddedCluster> StartAsync(string manifests, int nodes, Action<string> log, CancellationToken ct = default)
    {
        var options = EmbeddedClusterParts.Configure(new LocalClusterOptions { NodeCount = nodes });
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
            return new EmbeddedCluster(host, kubeconfig, connection);
        }
        catch
        {
            await host.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync().ConfigureAwait(false);
        try
        {
            File.Delete(_kubeconfig);
        }
        catch (IOException)
        {
            // A leftover temp file is harmless.
        }
    }
}
