using System.Security.Cryptography;
using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Controllers;
using ZeroDowntime.LocalCluster.Http;
using ZeroDowntime.LocalCluster.Lifecycle;
using ZeroDowntime.LocalCluster.Manifests;
using ZeroDowntime.LocalCluster.Nodes;
using ZeroDowntime.LocalCluster.Security;
using ZeroDowntime.LocalCluster.Storage;

namespace ZeroDowntime.LocalCluster;

/// <summary>
/// The embedded cluster: store, API semantics, garbage collector, nodes, controllers and the
/// HTTP API on 127.0.0.1. Start one per test fixture; dispose it to stop everything.
/// </summary>
/// <example><code>
/// await using var cluster = await LocalClusterHost.StartAsync(new LocalClusterOptions());
/// await cluster.ApplyManifestsAsync("manifests/sample-target");
/// await cluster.WriteKubeconfigAsync("/tmp/kubeconfig");
/// await cluster.WaitUntilReadyAsync(TimeSpan.FromMinutes(2));
/// </code></example>
public sealed class LocalClusterHost : IAsyncDisposable
{
    private readonly LocalClusterOptions _options;
    private readonly ApiServer _server;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _loops = [];
    private bool _disposed;

    private LocalClusterHost(LocalClusterOptions options)
    {
        _options = options;
        if (options.Kubelet is not null && options.PodTerminator is null)
        {
            Runtime = ProcessRuntime.AddTo(options, options.Kubelet, options.Networking);
        }

        Store = new ObjectStore(options.Resources, options.WatchHistorySize);
        Api = new ClusterApi(Store, options.Time);
        Api.AdmissionHooks.Add(new BuiltinDefaults());
        foreach (var hook in options.AdmissionHooks)
        {
            Api.AdmissionHooks.Add(hook);
        }

        Api.AdmissionHooks.Add(new BuiltinValidation());
        Api.PodTerminator = options.PodTerminator?.Invoke(Api) ?? new DelayedPodTerminator(Api, options.PodTerminationDelay);
        Token = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        Tokens = new ServiceAccountTokens(Store, options.Time);
        TokenRequestHandler.Register(options.Subresources, Tokens);
        _server = new ApiServer(Api, options.Subresources, options.BookmarkInterval) { Faults = options.Faults };
        foreach (var aggregated in options.AggregatedApis)
        {
            _server.AggregatedApis.Add(aggregated);
        }

        if (options.EnforceRbac)
        {
            AccessLog = new AccessLog(options.AccessLogPath);
            Certificate = ServingCertificate.Create();
            _server.Certificate = Certificate.Serving;
            _server.Guard = new RequestGuard(Token, Tokens, new RbacAuthorizer(Store), options.Resources, AccessLog, options.Time);
        }
    }

    /// <summary>The API server's base address, e.g. <c>http://127.0.0.1:41235/</c>.</summary>
    public Uri Uri => _server.Uri;

    /// <summary>The in-process API (what controllers use).</summary>
    public ClusterApi Api { get; }

    /// <summary>The process kubelet and service proxies, unless <see cref="LocalClusterOptions.Kubelet"/> was null.</summary>
    public ProcessRuntime? Runtime { get; }

    /// <summary>The object store.</summary>
    public ObjectStore Store { get; }

    /// <summary>Issues and checks ServiceAccount tokens (the TokenRequest API).</summary>
    public ServiceAccountTokens Tokens { get; }

    /// <summary>With <see cref="LocalClusterOptions.EnforceRbac"/>: the HTTPS certificate authority (in the kubeconfig); else null.</summary>
    public ServingCertificate? Certificate { get; }

    /// <summary>With <see cref="LocalClusterOptions.EnforceRbac"/>: every decision made for a ServiceAccount; else null.</summary>
    public AccessLog? AccessLog { get; }

    /// <summary>The administrator bearer token written into kubeconfigs (any token is accepted unless RBAC is enforced).</summary>
    internal string Token { get; }

    /// <summary>
    /// Starts the cluster: default namespaces, <see cref="LocalClusterOptions.NodeCount"/> nodes,
    /// the garbage collector, the controllers, then the HTTP API.
    /// </summary>
    /// <exception cref="IOException">The configured port is in use.</exception>
    public static async Task<LocalClusterHost> StartAsync(LocalClusterOptions? options = null, CancellationToken ct = default)
    {
        var host = new LocalClusterHost(options ?? new LocalClusterOptions());
        try
        {
            await host.StartCoreAsync(ct).ConfigureAwait(false);
            return host;
        }
        catch
        {
            await host.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Parses and applies every manifest in <paramref name="directory"/>; returns the number of objects applied.</summary>
    /// <exception cref="ManifestException">A file does not parse, names an unknown kind, or is rejected.</exception>
    public Task<int> ApplyManifestsAsync(string directory, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(ManifestLoader.Apply(Api, ManifestLoader.LoadDirectory(directory, Api.Resources)));
    }

    /// <summary>Writes a kubeconfig (cluster, user and context <c>zd-local</c>) pointing at <see cref="Uri"/>.</summary>
    public Task WriteKubeconfigAsync(string path, CancellationToken ct = default) =>
        File.WriteAllTextAsync(path, Kubeconfig.Render(Uri, Token, Certificate?.AuthorityPem), ct);

    /// <summary>Writes a kubeconfig like <see cref="WriteKubeconfigAsync(string, CancellationToken)"/> but with another bearer token (e.g. a ServiceAccount's).</summary>
    public Task WriteKubeconfigAsync(string path, string token, CancellationToken ct = default) =>
        File.WriteAllTextAsync(path, Kubeconfig.Render(Uri, token, Certificate?.AuthorityPem), ct);

    /// <summary>Completes once <see cref="LocalClusterOptions.ReadinessRule"/> holds, re-checking after every change.</summary>
    /// <exception cref="TimeoutException">Not ready within <paramref name="timeout"/>; the message says what is missing.</exception>
    public async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken ct = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        var waitingFor = "";
        try
        {
            while (true)
            {
                var rv = Store.ResourceVersion;
                if (_options.ReadinessRule.IsReady(Api, out waitingFor))
                {
                    return;
                }

                await Store.WaitForChangeAsync(rv, deadline.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"The local cluster was not ready within {timeout.TotalSeconds:0} s; {waitingFor}.");
        }
    }

    /// <summary>Stops the HTTP API, the controllers and pending pod terminations.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _server.DisposeAsync().ConfigureAwait(false);
        await Task.WhenAll(_loops.Select(l => l.ContinueWith(_ => { }, TaskScheduler.Default))).ConfigureAwait(false);
        (Api.PodTerminator as IDisposable)?.Dispose();
        Certificate?.Dispose();
        _stopping.Dispose();
    }

    private async Task StartCoreAsync(CancellationToken ct)
    {
        foreach (var ns in (string[])["default", "kube-system", "kube-public", "kube-node-lease"])
        {
            Api.Namespaces.Create(new System.Text.Json.Nodes.JsonObject { ["metadata"] = new System.Text.Json.Nodes.JsonObject { ["name"] = ns } });
        }

        NodeRegistrar.Register(Api, _options.NodeCount);
        _loops.Add(Task.Run(() => NodeLeases.RunAsync(Api, NodeLeases.RenewInterval, _stopping.Token), CancellationToken.None));
        var collector = new GarbageCollector(Api);
        _loops.Add(Task.Run(async () =>
        {
            using (collector)
            {
                await collector.RunAsync(_stopping.Token).ConfigureAwait(false);
            }
        }, CancellationToken.None));
        foreach (var controller in _options.Controllers)
        {
            _loops.Add(Task.Run(() => RunControllerAsync(controller), CancellationToken.None));
        }

        await _server.StartAsync(_options.Port, ct).ConfigureAwait(false);
        if (_options.Faults is { } faults)
        {
            // The seed is printed so a run that failed under faults can be repeated with the same decisions.
            await _options.Log.WriteLineAsync(faults.Banner).ConfigureAwait(false);
        }
    }

    /// <summary>The control-plane faults the API server injects (null: none); <see cref="Http.Faults.ApiFaults.Injected"/> counts them.</summary>
    public Http.Faults.ApiFaults? Faults => _options.Faults;

    private async Task RunControllerAsync(IClusterController controller)
    {
        try
        {
            await controller.RunAsync(Api, _stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (Exception e)
        {
            await _options.Log.WriteLineAsync($"controller {controller.Name} failed: {e.Message}").ConfigureAwait(false);
        }
    }
}
