using ZeroDowntime.Kubernetes.Legacy.Models;

namespace ZeroDowntime.Kubernetes.Legacy;

/// <summary>
/// A small typed Kubernetes REST client: get, list (paged), watch (with relist on 410), create,
/// replace, patch, delete, status and scale subresources, eviction, pod logs and the proxy
/// subresource. Split by concern into partial files. Thread-safe; dispose it when done.
/// </summary>
/// <example><code>
/// using var client = new KubernetesClient(connection, new KubernetesClientOptions());
/// var workers = await client.ListAsync&lt;Pod&gt;("ray", new ListOptions { LabelSelector = "ray.io/node-type=worker" });
/// await foreach (var (type, pod) in client.WatchAsync&lt;Pod&gt;("ray", cancellationToken: ct))
///     Console.WriteLine($"{type} {pod.Metadata.Name}");
/// </code></example>
public sealed partial class KubernetesClient : IDisposable
{
    /// <summary>Pass as the namespace of a list or watch to span all namespaces.</summary>
    public const string AllNamespaces = "";

    private readonly ClusterConnection _connection;
    private readonly KubernetesClientOptions _options;
    private readonly HttpMessageInvoker _http;
    private readonly string _serverBase;

    /// <summary>
    /// Builds the pipeline: this client's retry and credential logic, then
    /// <see cref="KubernetesClientOptions.Handlers"/> (outermost first), then the connection's primary handler.
    /// </summary>
    public KubernetesClient(ClusterConnection connection, KubernetesClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _connection = connection;
        _options = options ?? new KubernetesClientOptions();
        if (_options.RequestTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(options), "RequestTimeout must be positive.");
        if (_options.MaxRetries < 0) throw new ArgumentOutOfRangeException(nameof(options), "MaxRetries must not be negative.");

        HttpMessageHandler handler = connection.CreatePrimaryHandler();
        for (var i = _options.Handlers.Count - 1; i >= 0; i--)
        {
            var outer = _options.Handlers[i]();
            outer.InnerHandler = handler;
            handler = outer;
        }
        _http = new HttpMessageInvoker(handler, disposeHandler: true);
        _serverBase = connection.Server.AbsoluteUri.TrimEnd('/');
    }

    /// <summary>The API server this client talks to.</summary>
    public Uri Server => _connection.Server;

    /// <summary>The namespace used when a call passes none: the connection's (from the kubeconfig context).</summary>
    public string DefaultNamespace => _connection.Namespace;

    /// <summary>The connection this client was built from.</summary>
    public ClusterConnection Connection => _connection;

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    /// <inheritdoc />
    public override string ToString() => $"KubernetesClient for {_connection}";

    private string NamespaceOrDefault(string? @namespace) => @namespace ?? _connection.Namespace;

    private static string ItemPath<T>(string? @namespace, string name) where T : IResource
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return T.Resource.ItemPath(@namespace, name);
    }

    private string NamespaceOf<T>(string? @namespace, T? obj = default) where T : IKubernetesObject, IResource =>
        T.Resource.Namespaced ? @namespace ?? obj?.Metadata.Namespace ?? _connection.Namespace : "";
}
