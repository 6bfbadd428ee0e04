using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Controllers;
using ZeroDowntime.LocalCluster.Networking.Policy;
using ZeroDowntime.LocalCluster.Storage;

namespace ZeroDowntime.LocalCluster.Networking;

/// <summary>
/// kube-proxy and the cloud load balancer controller in one: a <see cref="TcpServiceProxy"/> on
/// each Service's cluster IP and port, and for <c>type: LoadBalancer</c> one more on its own
/// ingress address (written to <c>status.loadBalancer.ingress</c>). Backends follow Endpoints (or
/// Ready pods) after <see cref="NetworkingOptions.PropagationDelay"/>; the Service's
/// <see cref="ConnectionSchedulers.Annotation"/> annotation picks how connections are spread. With a
/// <see cref="NetworkPolicyEnforcer"/>, every forwarded connection obeys NetworkPolicy.
/// </summary>
public sealed partial class ServiceProxyController : IClusterController, IAsyncDisposable
{
    private readonly NetworkingOptions _options;
    private readonly LocalNetwork _network;
    private readonly TextWriter _log;
    private readonly NetworkPolicyEnforcer? _policies;
    private readonly Dictionary<string, ServiceProxies> _services = [];
    private readonly SemaphoreSlim _changed = new(0);
    private readonly object _gate = new();

    /// <summary>Creates the controller; it starts when the host runs it.</summary>
    public ServiceProxyController(NetworkingOptions? options = null, LocalNetwork? network = null, TextWriter? log = null, NetworkPolicyEnforcer? policies = null)
    {
        _options = options ?? new NetworkingOptions();
        _network = network ?? new LocalNetwork();
        _log = log ?? Console.Error;
        _policies = policies;
        _network.PodAddressStopped += BreakConnectionsTo;
    }

    /// <inheritdoc />
    public string Name => "service-proxy";

    /// <summary>The proxies of a Service (cluster IP first, then the load balancer), for tests and diagnostics.</summary>
    public IReadOnlyList<TcpServiceProxy> ProxiesOf(string ns, string name)
    {
        lock (_gate)
        {
            return _services.TryGetValue($"{ns}/{name}", out var s) ? [.. s.ClusterIp.Values, .. s.LoadBalancer.Values] : [];
        }
    }

    /// <inheritdoc />
    public async Task RunAsync(ClusterApi api, CancellationToken ct)
    {
        var watches = new[] { api.Services, api.Endpoints, api.Pods }.Select(r => SignalOnChangesAsync(r, ct)).ToList();
        try
        {
            while (!ct.IsCancellationRequested)
            {
                await _changed.WaitAsync(ct).ConfigureAwait(false);
                while (_changed.CurrentCount > 0)
                {
                    await _changed.WaitAsync(ct).ConfigureAwait(false);
                }

                await ReconcileAsync(api).ConfigureAwait(false);
            }
        }
        finally
        {
            await Task.WhenAll(watches.Select(w => w.ContinueWith(_ => { }, TaskScheduler.Default))).ConfigureAwait(false);
            await DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Closes every proxy.</summary>
    public async ValueTask DisposeAsync()
    {
        List<ServiceProxies> all;
        lock (_gate)
        {
            all = [.. _services.Values];
            _services.Clear();
        }

        _network.PodAddressStopped -= BreakConnectionsTo;
        foreach (var service in all)
        {
            await service.DisposeAsync(_network).ConfigureAwait(false);
        }
    }

    private async Task SignalOnChangesAsync(ResourceClient resource, CancellationToken ct)
    {
        await foreach (var _ in resource.WatchAsync(ct: ct).ConfigureAwait(false))
        {
            _changed.Release();
        }
    }

    private async Task ReconcileAsync(ClusterApi api)
    {
        var services = api.Services.List().ToDictionary(s => $"{s.Namespace()}/{s.Name()}");
        List<ServiceProxies> removed;
        lock (_gate)
        {
            removed = _services.Where(p => !services.TryGetValue(p.Key, out var s) || s.Uid() != p.Value.Uid).Select(p => p.Value).ToList();
            foreach (var gone in removed)
            {
                _services.Remove(gone.Key);
            }
        }

        foreach (var gone in removed)
        {
            await gone.DisposeAsync(_network).ConfigureAwait(false);
            _network.ClusterIps.Release(gone.ClusterIpAddress ?? IPAddress.None);
        }

        foreach (var (key, service) in services)
        {
            await ReconcileServiceAsync(api, key, service).ConfigureAwait(false);
        }
    }

    private async Task ReconcileServiceAsync(ClusterApi api, string key, JsonObject service)
    {
        ServiceProxies? state;
        bool isNew;
        lock (_gate)
        {
            isNew = !_services.TryGetValue(key, out state);
            if (state is null)
            {
                state = new ServiceProxies(key, service.Uid());
                _services[key] = state;
            }
        }

        var backends = ServiceEndpointResolver.Compute(api, service);
        var ports = backends.Keys.ToHashSet();
        var clusterIp = IPAddress.TryParse(service.GetString("spec", "clusterIP"), out var ip) && IPAddress.IsLoopback(ip) ? ip : null;
        state.ClusterIpAddress = clusterIp;
        var scheduler = await SchedulerOfAsync(state, service).ConfigureAwait(false);
        if (_options.ProxyClusterIps && clusterIp is not null)
        {
            await EnsureListenersAsync(state.ClusterIp, clusterIp, ports, service, _policies?.ClusterIps).ConfigureAwait(false);
            UseScheduler(state.ClusterIp, scheduler);
        }

        var loadBalancer = _options.ProvisionLoadBalancers && service.GetString("spec", "type") == "LoadBalancer";
        if (loadBalancer)
        {
            state.LoadBalancerAddress ??= _network.LoadBalancerIps.Allocate(ports);
            await EnsureListenersAsync(state.LoadBalancer, state.LoadBalancerAddress, ports, service, _policies?.LoadBalancers).ConfigureAwait(false);
            UseScheduler(state.LoadBalancer, scheduler);
        }
        else if (state.LoadBalancerAddress is not null)
        {
            await ServiceProxies.CloseAsync(state.LoadBalancer, []).ConfigureAwait(false);
            _network.LoadBalancerIps.Release(state.LoadBalancerAddress);
            state.LoadBalancerAddress = null;
        }

        foreach (var proxy in state.ClusterIp.Concat(state.LoadBalancer))
        {
            var list = backends.GetValueOrDefault(proxy.Key, []);
            if (isNew)
            {
                proxy.Value.SetBackends(list);
            }
            else
            {
                proxy.Value.ScheduleBackends(list);
            }
        }

        if (loadBalancer)
        {
            // Published last: a client that sees the address finds the proxy with its scheduler and backends in place.
            PublishIngress(api, service, state.LoadBalancerAddress!, ports);
        }
    }

    private async Task EnsureListenersAsync(Dictionary<int, TcpServiceProxy> proxies, IPAddress address, HashSet<int> ports, JsonObject service, IConnectionGate? policy)
    {
        await ServiceProxies.CloseAsync(proxies, ports).ConfigureAwait(false);
        foreach (var port in ports.Where(p => !proxies.ContainsKey(p)))
        {
            try
            {
                proxies[port] = new TcpServiceProxy(new IPEndPoint(address, port), _options.PropagationDelay, _options.BackendConnectTimeout, policy: policy);
            }
            catch (SocketException e)
            {
                await _log.WriteLineAsync($"service-proxy: cannot listen on {address}:{port} for service {service.Namespace()}/{service.Name()}: {e.Message}").ConfigureAwait(false);
            }
        }
    }

    private static void PublishIngress(ClusterApi api, JsonObject service, IPAddress address, HashSet<int> ports)
    {
        var ingress = new JsonArray(new JsonObject
        {
            ["ip"] = address.ToString(),
            ["ipMode"] = "VIP",
            ["ports"] = new JsonArray([.. ports.Order().Select(p => (JsonNode)new JsonObject { ["port"] = p, ["protocol"] = "TCP" })]),
        });
        if (JsonNode.DeepEquals(service.GetNode("status", "loadBalancer", "ingress"), ingress))
        {
            return;
        }

        try
        {
            api.Services.Mutate(service.Namespace(), service.Name(), s =>
            {
                if (s.Uid() == service.Uid())
                {
                    s.Ensure("status", "loadBalancer")["ingress"] = ingress;
                }
            }, status: true);
        }
        catch (ApiException e) when (e.Code is 404 or 409)
        {
            // Deleted meanwhile; the next reconcile closes its proxies.
        }
    }

    private void BreakConnectionsTo(IPAddress address)
    {
        List<TcpServiceProxy> proxies;
        lock (_gate)
        {
            proxies = _services.Values.SelectMany(s => s.ClusterIp.Values.Concat(s.LoadBalancer.Values)).ToList();
        }

        foreach (var proxy in proxies)
        {
            proxy.BreakConnectionsTo(address);
        }
    }

    /// <summary>The proxies of one Service.</summary>
    private sealed class ServiceProxies(string key, string uid)
    {
        public string Key { get; } = key;

        public string Uid { get; } = uid;

        public Dictionary<int, TcpServiceProxy> ClusterIp { get; } = [];

        public Dictionary<int, TcpServiceProxy> LoadBalancer { get; } = [];

        public IPAddress? ClusterIpAddress { get; set; }

        public IPAddress? LoadBalancerAddress { get; set; }

        /// <summary>The unknown scheduler name already logged (logged once, not on every reconcile).</summary>
        public string? RejectedScheduler { get; set; }

        public static async Task CloseAsync(Dictionary<int, TcpServiceProxy> proxies, HashSet<int> keep)
        {
            foreach (var port in proxies.Keys.Where(p => !keep.Contains(p)).ToList())
            {
                await proxies[port].DisposeAsync().ConfigureAwait(false);
                proxies.Remove(port);
            }
        }

        public async Task DisposeAsync(LocalNetwork network)
        {
            await CloseAsync(ClusterIp, []).ConfigureAwait(false);
            await CloseAsync(LoadBalancer, []).ConfigureAwait(false);
            if (LoadBalancerAddress is not null)
            {
                network.LoadBalancerIps.Release(LoadBalancerAddress);
            }
        }

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Key} ({ClusterIp.Count} cluster IP port(s))");
    }
}
