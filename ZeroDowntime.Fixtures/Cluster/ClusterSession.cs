using k8s;
using ZeroDowntime.Fixtures.Configuration;
using ZeroDowntime.Kubernetes;
using ZeroDowntime.Kubernetes.Config;
using ZeroDowntime.Kubernetes.Safety;

namespace ZeroDowntime.Fixtures.Cluster;

/// <summary>
/// The suite's one way into a cluster: the official client (<see cref="IKubernetes"/>) whose every
/// request passes the <see cref="DisruptionGate"/>, plus the namespace the target lives in. Local and
/// real clusters are opened the same way; only the <see cref="ClusterConnection"/> differs.
/// </summary>
/// <example>
/// <code>
/// var settings = ZeroDowntimeSettings.FromEnvironment();
/// using var session = ClusterSession.OpenKubeconfig(settings);
/// var pods = await session.Client.CoreV1.ListNamespacedPodAsync(session.Namespace);
/// </code>
/// </example>
public sealed class ClusterSession : IDisposable
{
    private ClusterSession(ClusterConnection connection, DisruptionGate gate, string ns, IKubernetes client, ApiRetryCounts retries)
    {
        Connection = connection;
        Gate = gate;
        Namespace = ns;
        Client = client;
        Retries = retries;
    }

    /// <summary>How often the client repeated a call the API server throttled, failed or dropped.</summary>
    public ApiRetryCounts Retries { get; }

    /// <summary>Where the client points (never shows credentials).</summary>
    public ClusterConnection Connection { get; }

    /// <summary>Decides whether disruptive requests may be sent.</summary>
    public DisruptionGate Gate { get; }

    /// <summary>The target's namespace: <c>ZD_NAMESPACE</c>, else the context's, else <c>default</c>.</summary>
    public string Namespace { get; }

    /// <summary>The guarded client: bounded retries, refreshed credentials, and the gate in front of every request.</summary>
    public IKubernetes Client { get; }

    /// <summary>
    /// Opens the cluster named by <c>ZD_KUBECONFIG</c> / <c>ZD_CONTEXT</c> (or KUBECONFIG,
    /// ~/.kube/config, in-cluster), failing fast with one sentence on a bad kubeconfig or context.
    /// </summary>
    /// <exception cref="KubeConfigException">The kubeconfig cannot be resolved or is invalid.</exception>
    public static ClusterSession OpenKubeconfig(ZeroDowntimeSettings settings, KubeConfigEnvironment? environment = null, Action<string>? log = null)
    {
        var loader = environment is null ? new KubeConfigLoader() : new KubeConfigLoader(environment);
        return Open(loader.Load(settings.Kubeconfig, settings.Context), settings, log);
    }

    /// <summary>Opens a session over an existing connection (the embedded cluster's, or a test's).</summary>
    public static ClusterSession Open(ClusterConnection connection, ZeroDowntimeSettings settings, Action<string>? log = null)
    {
        var gate = settings.CreateDisruptionGate(connection.ContextName);
        var retries = new ApiRetryCounts();
        var client = connection.CreateClient(new KubeClientOptions
        {
            Handlers = [() => new DisruptionGuardHandler(gate)],
            Log = log,
            Retries = retries,
        });
        return new ClusterSession(connection, gate, settings.ResolveNamespace(connection.Namespace), client, retries);
    }

    /// <inheritdoc />
    public void Dispose() => Client.Dispose();

    /// <inheritdoc />
    public override string ToString() => $"{Connection}, namespace '{Namespace}', {Gate}";
}
