using k8s;
using k8s.Models;
using ZeroDowntime.Kubernetes.Config;
using ZeroDowntime.LocalCluster;

namespace ZeroDowntime.Kubernetes.Tests.Embedded;

/// <summary>
/// The embedded cluster as an API server only (no kubelet, no controllers), started once per test class:
/// the real-server backend of the client tests. Tests reach it only through its kubeconfig and the HTTP
/// API, exactly as a user's kubectl would, and each test works in a namespace of its own.
/// </summary>
/// <example><code>
/// public sealed class MyTests(EmbeddedCluster cluster) : IClassFixture&lt;EmbeddedCluster&gt;
/// {
///     [Fact] public async Task Lists() { using var kube = cluster.CreateClient(); var ns = await cluster.NewNamespaceAsync(kube); ... }
/// }
/// </code></example>
public class EmbeddedCluster : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "zd-kube-tests-" + Guid.NewGuid().ToString("N")[..12]);
    private LocalClusterHost? _host;

    /// <summary>The kubeconfig the cluster wrote (context <c>zd-local</c>, a bearer token).</summary>
    public string KubeconfigPath => Path.Combine(_directory, "kubeconfig");

    /// <summary>The connection loaded from <see cref="KubeconfigPath"/> by our kubeconfig loader.</summary>
    public ClusterConnection Connection { get; private set; } = null!;

    /// <summary>The API server's address.</summary>
    public Uri Server => Connection.Server;

    /// <summary>The bearer token of the kubeconfig (tests prove it never leaks).</summary>
    public string Token { get; private set; } = null!;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        var options = new LocalClusterOptions { Kubelet = null, NodeCount = 1, Log = TextWriter.Null };
        Configure(options);
        _host = await LocalClusterHost.StartAsync(options);
        await _host.WriteKubeconfigAsync(KubeconfigPath);
        Connection = new KubeConfigLoader().Load(KubeconfigPath);
        Token = File.ReadAllLines(KubeconfigPath).Select(l => l.Trim()).Single(l => l.StartsWith("token:", StringComparison.Ordinal))["token:".Length..].Trim();
    }

    /// <summary>A library client for the cluster; <paramref name="transport"/> wraps the kubeconfig's handler (fault injection below the retry handler).</summary>
    public IKubernetes CreateClient(KubeClientOptions? options = null, Func<HttpMessageHandler, HttpMessageHandler>? transport = null)
    {
        var connection = transport is null ? Connection : new ClusterConnection
        {
            Server = Connection.Server,
            ContextName = Connection.ContextName,
            Namespace = Connection.Namespace,
            Credentials = Connection.Credentials,
            CreatePrimaryHandler = () => transport(Connection.CreatePrimaryHandler()),
        };
        return connection.CreateClient(options);
    }

    /// <summary>Creates a namespace for one test, so tests sharing the cluster never see each other's objects.</summary>
    public async Task<string> NewNamespaceAsync(IKubernetes kube)
    {
        var name = "t-" + Guid.NewGuid().ToString("N")[..10];
        await kube.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } });
        return name;
    }

    /// <summary>Stops the cluster; it refuses connections afterwards.</summary>
    public async Task StopAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the temp directory is reaped later.
        }
    }

    /// <summary>Adjusts the options of a cluster for one test class (history size, bookmark interval).</summary>
    protected virtual void Configure(LocalClusterOptions options)
    {
    }
}
