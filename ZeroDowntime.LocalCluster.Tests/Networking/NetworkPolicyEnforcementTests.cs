using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Networking.Policy;
using ZeroDowntime.LocalCluster.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace ZeroDowntime.LocalCluster.Tests.Networking;

/// <summary>NetworkPolicy enforced for real on the sample target: load balancer to pod, pod to Service, open and new connections.</summary>
public sealed class NetworkPolicyEnforcementTests(SampleTargetFixture fixture, ITestOutputHelper output) : IClassFixture<SampleTargetFixture>, IDisposable
{
    /// <summary>How long a denied request is given before it counts as timed out (well past a loopback round trip).</summary>
    private static readonly TimeSpan DeniedAttemptTimeout = TimeSpan.FromSeconds(2);

    /// <summary>A request expected to succeed (generous: the machine is shared).</summary>
    private static readonly TimeSpan AllowedAttemptTimeout = TimeSpan.FromSeconds(20);

    /// <summary>A request that must survive a policy being lifted.</summary>
    private static readonly TimeSpan StalledAttemptTimeout = TimeSpan.FromSeconds(60);

    /// <summary>A policy change reaching the proxies.</summary>
    private static readonly TimeSpan PolicyInForce = TimeSpan.FromSeconds(10);

    /// <summary>The head marks a worker DEAD after MockVllm's 5 s node-dead timeout; the worker's heartbeat backs off up to 5 s.</summary>
    private static readonly TimeSpan MembershipChange = TimeSpan.FromSeconds(30);

    private const string DenyWorkersIngress = """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: { name: deny-workers-ingress, namespace: default }
        spec:
          podSelector: { matchLabels: { ray.io/node-type: worker } }
          policyTypes: [Ingress]
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("zd-netpol-").FullName;

    private ProcessCluster Cluster => fixture.Cluster;

    private NetworkPolicyEnforcer Enforcer => Cluster.Host.Runtime!.NetworkPolicies!;

    [KubectlFact]
    public async Task Kubectl_deny_all_ingress_on_the_workers_stops_inference_through_the_load_balancer_until_the_policy_is_deleted()
    {
        var kubeconfig = Path.Combine(_directory, "kubeconfig");
        var cache = Path.Combine(_directory, "cache");
        await Cluster.Host.WriteKubeconfigAsync(kubeconfig);
        var policy = Path.Combine(_directory, "deny.yaml");
        await File.WriteAllTextAsync(policy, DenyWorkersIngress);
        using var kept = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) });
        (await InferAsync(kept, StalledAttemptTimeout)).Should().Be("200", "the kept connection is open before the policy");
        (await InferAsync(null, AllowedAttemptTimeout)).Should().Be("200");

        output.WriteLine(await Kubectl.OkAsync(kubeconfig, cache, "apply", "-f", policy));
        await Enforcer.WaitUntilAsync(s => s.PolicyNames.Contains("default/deny-workers-ingress"), PolicyInForce);
        var listed = await Kubectl.OkAsync(kubeconfig, cache, "get", "networkpolicy");
        var stalled = InferAsync(kept, StalledAttemptTimeout);
        var fresh = await InferAsync(null, DeniedAttemptTimeout);
        var stalledWhileDenied = stalled.IsCompleted;

        output.WriteLine(await Kubectl.OkAsync(kubeconfig, cache, "delete", "networkpolicy", "deny-workers-ingress"));
        await Enforcer.WaitUntilAsync(s => !s.HasPolicies, PolicyInForce);
        var resumed = await stalled;
        var after = await InferAsync(null, AllowedAttemptTimeout);

        listed.Should().Contain("deny-workers-ingress");
        fresh.Should().Be("timeout", "a denied connection behaves like dropped packets: no answer, no refusal, no reset");
        stalledWhileDenied.Should().BeFalse("an open connection stops receiving while the policy denies it");
        resumed.Should().Be("200", "the open connection moves again once the policy is gone");
        after.Should().Be("200");
        Enforcer.DeniedConnections.Should().BeGreaterThanOrEqualTo(2);
    }

    [Fact]
    public async Task Pod_to_Service_traffic_is_traced_to_its_pod_admitted_by_selector_and_cut_by_an_egress_policy()
    {
        var head = Cluster.Api.Pods.List("default", "ray.io/node-type=head").Single();
        var headService = new IPEndPoint(IPAddress.Parse(Cluster.Api.Services.Get("default", "ray-head-svc").GetString("spec", "clusterIP")!), 8265);

        // The head admits only the workers: they keep heartbeating through its Service; this process (not a pod) is held.
        Cluster.Apply(Policy("head-admits-workers", "ray.io/node-type: head", """
            policyTypes: [Ingress]
            ingress: [{ from: [{ podSelector: { matchLabels: { ray.io/node-type: worker } } }] }]
            """));
        await Enforcer.WaitUntilAsync(s => s.HasPolicies, PolicyInForce);
        await WaitForBackendAsync("ray-head-svc");
        var fromHost = await GetAsync(headService, "/api/gcs_healthz", DeniedAttemptTimeout);
        var looks = await WatchWorkersAsync(head.GetString("status", "podIP")!, TimeSpan.FromSeconds(7));
        Cluster.Api.For("networking.k8s.io", "networkpolicies").Delete("default", "head-admits-workers");

        // The workers may not open connections to the head: their heartbeats stop and the head marks them DEAD.
        Cluster.Apply(Policy("workers-from-head", "ray.io/node-type: worker", """
            policyTypes: [Egress]
            egress:
            - to: [{ namespaceSelector: {}, podSelector: { matchExpressions: [{ key: ray.io/node-type, operator: NotIn, values: [head] }] } }]
            """));
        await WaitForWorkersAsync(head.GetString("status", "podIP")!, "DEAD");
        var inferenceDuringPartition = await InferAsync(null, AllowedAttemptTimeout);
        Cluster.Api.For("networking.k8s.io", "networkpolicies").Delete("default", "workers-from-head");
        await WaitForWorkersAsync(head.GetString("status", "podIP")!, "ALIVE");

        fromHost.Should().Be("timeout", "this process is not a worker pod, and the head admits only workers");
        looks.Should().NotBeEmpty().And.OnlyContain(l => l == "3 ALIVE", "the workers' own connections are traced to worker pods and admitted");
        inferenceDuringPartition.Should().Be("200", "the workers' ingress is not isolated, only their egress");
    }

    public void Dispose()
    {
        foreach (var name in new[] { "deny-workers-ingress", "head-admits-workers", "workers-from-head" })
        {
            try
            {
                Cluster.Api.For("networking.k8s.io", "networkpolicies").Delete("default", name);
            }
            catch (ZeroDowntime.LocalCluster.Storage.ApiException)
            {
                // Not created, or already deleted by the test.
            }
        }

        Directory.Delete(_directory, recursive: true);
    }

    private static string Policy(string name, string labels, string rest) =>
        $"apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {{ name: {name}, namespace: default }}\nspec:\n  podSelector: {{ matchLabels: {{ {labels} }} }}\n"
        + string.Join("\n", rest.Split('\n').Select(line => "  " + line.TrimEnd())) + "\n";

    // On a busy machine a probe can fail and take the head out of its Service for a moment: a reset then says nothing about policy.
    private async Task WaitForBackendAsync(string service)
    {
        var proxy = Cluster.Proxies.ProxiesOf("default", service)[0];
        using var deadline = new CancellationTokenSource(Timeouts.PodReady);
        while (true)
        {
            var next = proxy.NextBackendChange;
            if (proxy.Backends.Count > 0)
            {
                return;
            }

            await next.WaitAsync(deadline.Token);
        }
    }

    private IPEndPoint LoadBalancer()
    {
        var ingress = Cluster.Api.Services.Get("default", "ray-serve-nlb").GetNode("status", "loadBalancer", "ingress")!.AsArray()[0]!.AsObject();
        return new IPEndPoint(IPAddress.Parse(ingress.GetString("ip")!), 80);
    }

    /// <summary>One inference request: "200", another status, "timeout", or the socket error; <paramref name="client"/> null opens a new connection.</summary>
    private async Task<string> InferAsync(HttpClient? client, TimeSpan timeout)
    {
        using var fresh = client is null ? new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero }) : null;
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            using var content = new StringContent("""{"prompt":"p","max_tokens":1}""", Encoding.UTF8, "application/json");
            using var response = await (client ?? fresh!).PostAsync($"http://{LoadBalancer()}/VLLMDeployment", content, deadline.Token);
            return ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            return "timeout";
        }
        catch (HttpRequestException e)
        {
            return (e.InnerException as SocketException)?.SocketErrorCode.ToString() ?? e.Message;
        }
    }

    private static async Task<string> GetAsync(IPEndPoint target, string path, TimeSpan timeout)
    {
        using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero });
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            using var response = await http.GetAsync($"http://{target}{path}", deadline.Token);
            return ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            return "timeout";
        }
    }

    /// <summary>The head's worker states ("3 ALIVE", "2 ALIVE, 1 DEAD") every 250 ms for <paramref name="window"/> (the state API has no watch).</summary>
    private static async Task<List<string>> WatchWorkersAsync(string headIp, TimeSpan window)
    {
        var looks = new List<string>();
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        var end = DateTime.UtcNow + window;
        while (DateTime.UtcNow < end && await tick.WaitForNextTickAsync())
        {
            looks.Add(Summarize(await WorkerStatesAsync(headIp)));
        }

        return looks;
    }

    private static async Task WaitForWorkersAsync(string headIp, string state)
    {
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        var end = DateTime.UtcNow + MembershipChange;
        var last = new List<string>();
        while (DateTime.UtcNow < end && await tick.WaitForNextTickAsync())
        {
            last = await WorkerStatesAsync(headIp);
            if (last.Count >= 3 && last.TakeLast(3).All(s => s == state))
            {
                return;
            }
        }

        throw new TimeoutException($"the head did not list the workers {state} within {MembershipChange.TotalSeconds:0} s; last look: {Summarize(last)}");
    }

    // Newest registration last, so a replaced worker's old entry does not count.
    private static async Task<List<string>> WorkerStatesAsync(string headIp)
    {
        using var http = new HttpClient { Timeout = AllowedAttemptTimeout };
        var body = await http.GetStringAsync($"http://{headIp}:8265/api/v0/nodes");
        return JsonNode.Parse(body)!["data"]!["result"]!["result"]!.AsArray().OfType<JsonObject>()
            .Where(n => n.GetBool("is_head_node") == false)
            .OrderBy(n => n["start_time_ms"]!.GetValue<long>())
            .Select(n => n.GetString("state")!)
            .ToList();
    }

    private static string Summarize(List<string> states) =>
        string.Join(", ", states.GroupBy(s => s).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}"));
}
