using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using FluentAssertions;
using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Networking;
using ZeroDowntime.LocalCluster.Tests.Kubelet;
using ZeroDowntime.LocalCluster.Tests.Support;
using Xunit;

namespace ZeroDowntime.LocalCluster.Tests.Networking;

public sealed class LoadBalancerTests
{
    internal const string LoadBalancer = """
        apiVersion: v1
        kind: Service
        metadata: { name: vllm-nlb, namespace: default }
        spec:
          type: LoadBalancer
          selector: { app: vllm }
          ports: [{ name: serve, port: 80, targetPort: serve }]
        """;

    [Fact]
    public async Task A_LoadBalancer_Service_gets_its_own_address_and_spreads_new_connections_round_robin()
    {
        await using var cluster = await ProcessCluster.StartAsync();
        var ingress = await StartWorkersBehindLoadBalancerAsync(cluster, 3);

        var perConnection = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            perConnection.Add(await InferAsync(NewConnectionClient(), $"http://{ingress}/VLLMDeployment"));
        }

        using var keepAlive = new HttpClient();
        var sameConnection = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            sameConnection.Add(await InferAsync(keepAlive, $"http://{ingress}/VLLMDeployment"));
        }

        ingress.Address.ToString().Should().StartWith("127.30.");
        perConnection.GroupBy(n => n).Should().HaveCount(3).And.OnlyContain(g => g.Count() == 2);
        sameConnection.Distinct().Should().ContainSingle("requests on one connection stay on its backend");
    }

    [Fact]
    public async Task The_cluster_IP_of_a_Service_is_a_loopback_address_with_a_working_proxy()
    {
        await using var cluster = await ProcessCluster.StartAsync();
        await StartWorkersBehindLoadBalancerAsync(cluster, 1);
        var clusterIp = cluster.Api.Services.Get("default", "vllm-nlb").GetString("spec", "clusterIP")!;

        var node = await InferAsync(NewConnectionClient(), $"http://{clusterIp}:80/VLLMDeployment");

        clusterIp.Should().StartWith("127.20.");
        node.Should().Be("w0");
    }

    [Fact]
    public async Task A_pod_whose_readiness_fails_leaves_the_load_balancer_and_gets_no_new_connections()
    {
        await using var cluster = await ProcessCluster.StartAsync();
        var ingress = await StartWorkersBehindLoadBalancerAsync(cluster, 3);
        var w1 = cluster.Api.Pods.Get("default", "w1").GetString("status", "podIP");

        using (var http = new HttpClient())
        {
            (await http.PostAsJsonAsync($"http://{w1}:8000/-/zd/readiness", new { ready = false })).EnsureSuccessStatusCode();
        }

        await cluster.WaitForPodAsync("w1", p => p.Condition("Ready")?.GetString("status") == "False", Timeouts.StatusChange, "to turn unready");
        await WaitForBackendsAsync(cluster, "vllm-nlb", 2);
        var nodes = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            nodes.Add(await InferAsync(NewConnectionClient(), $"http://{ingress}/VLLMDeployment"));
        }

        nodes.Should().NotContain("w1").And.Contain(["w0", "w2"]);
        cluster.EventsOf("w1").Should().Contain(e => e.GetString("reason") == "Unhealthy"
            && e.GetString("message") == "Readiness probe failed: HTTP probe failed with statuscode: 503");
    }

    [Theory]
    [InlineData("graceful", true)]
    [InlineData("abrupt", false)]
    public async Task An_in_flight_request_survives_a_graceful_worker_and_fails_on_an_abrupt_one(string termination, bool succeeds)
    {
        await using var cluster = await ProcessCluster.StartAsync();
        var ingress = await StartWorkersBehindLoadBalancerAsync(cluster, 1, $", \"--termination\", \"{termination}\", \"--token-latency-ms\", \"20\"");
        using var http = NewConnectionClient();
        var inFlight = http.PostAsJsonAsync($"http://{ingress}/VLLMDeployment", new { prompt = "long", max_tokens = 150 });
        await WaitForInFlightAsync(cluster, "w0");

        cluster.Api.Pods.Delete("default", "w0");
        var outcome = await Record(inFlight);
        await cluster.WaitForGoneAsync("w0");

        outcome.Should().Be(succeeds ? "200" : "failed", $"with --termination {termination}");
    }

    [Fact]
    public async Task The_lb_scheduler_annotation_picks_the_scheduler_of_the_cluster_IP_and_load_balancer_proxies()
    {
        await using var cluster = await ProcessCluster.StartAsync();

        cluster.Apply(WithScheduler("lc-svc", "lc"));
        await WaitForIngressAsync(cluster, "lc-svc");
        var proxies = cluster.Proxies.ProxiesOf("default", "lc-svc");

        proxies.Should().HaveCount(2).And.OnlyContain(p => p.Scheduler.Name == "lc", "the cluster IP and the load balancer follow the annotation");

        // An unknown name is logged once and means rr; a later Service's ingress shows the controller has reconciled the change.
        cluster.Apply(WithScheduler("lc-svc", "wrr"));
        cluster.Apply(WithScheduler("marker-svc", "rr"));
        await WaitForIngressAsync(cluster, "marker-svc");

        cluster.Proxies.ProxiesOf("default", "lc-svc").Should().OnlyContain(p => p.Scheduler.Name == "rr");
        cluster.Log.Should().Contain("service-proxy: service default/lc-svc: annotation zerodowntime.io/lb-scheduler is 'wrr', but the local load balancer knows only rr and lc; using rr");
    }

    private static string WithScheduler(string name, string scheduler) => $$"""
        apiVersion: v1
        kind: Service
        metadata: { name: {{name}}, namespace: default, annotations: { zerodowntime.io/lb-scheduler: {{scheduler}} } }
        spec:
          type: LoadBalancer
          selector: { app: none }
          ports: [{ name: c, port: 5003 }]
        """;

    private static Task<JsonObject> WaitForIngressAsync(ProcessCluster cluster, string service) =>
        cluster.WaitForAsync(() => cluster.Api.Services.TryGet("default", service) is { } s && s.GetNode("status", "loadBalancer", "ingress") is not null ? s : null,
            Timeouts.StatusChange, $"an ingress for service {service}", () => cluster.Api.Services.TryGet("default", service)?.ToJsonString() ?? "no service");

    internal static async Task<IPEndPoint> StartWorkersBehindLoadBalancerAsync(ProcessCluster cluster, int count, string extraArgs = "")
    {
        cluster.Apply(LoadBalancer);
        for (var i = 0; i < count; i++)
        {
            cluster.Apply(MockVllmPodTests.Worker($"w{i}", extraArgs).Replace("zd-node-1", $"zd-node-{i + 1}"));
        }

        for (var i = 0; i < count; i++)
        {
            await cluster.WaitForReadyAsync($"w{i}");
        }

        var service = await cluster.WaitForAsync(() => cluster.Api.Services.Get("default", "vllm-nlb") is var s && s.GetNode("status", "loadBalancer", "ingress") is JsonArray { Count: > 0 } ? s : null,
            Timeouts.StatusChange, "the load balancer ingress", () => cluster.Api.Services.Get("default", "vllm-nlb").ToJsonString());
        await WaitForBackendsAsync(cluster, "vllm-nlb", count);
        var ingress = (JsonObject)service.GetNode("status", "loadBalancer", "ingress")!.AsArray()[0]!;
        ingress.GetNode("ports")!.AsArray()[0]!["port"]!.GetValue<int>().Should().Be(80);
        return new IPEndPoint(IPAddress.Parse(ingress.GetString("ip")!), 80);
    }

    internal static async Task WaitForBackendsAsync(ProcessCluster cluster, string service, int count)
    {
        using var deadline = new CancellationTokenSource(Timeouts.StatusChange);
        while (true)
        {
            var proxies = cluster.Proxies.ProxiesOf("default", service);
            var pending = proxies.Select(p => p.NextBackendChange).ToList();
            if (proxies.Count > 0 && proxies.All(p => p.Backends.Count == count))
            {
                return;
            }

            try
            {
                // Proxies appear on a store change, backends on a proxy change.
                await Task.WhenAny([.. pending, cluster.Api.Store.WaitForChangeAsync(cluster.Api.Store.ResourceVersion, deadline.Token)]).WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"service {service} did not reach {count} backends; proxies: {string.Join(", ", proxies.Select(p => $"{p.Endpoint} -> [{string.Join(' ', p.Backends)}]"))}");
            }
        }
    }

    internal static HttpClient NewConnectionClient() =>
        new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero }) { Timeout = TimeSpan.FromSeconds(30) };

    internal static async Task<string> InferAsync(HttpClient http, string url)
    {
        using var response = await http.PostAsJsonAsync(url, new { prompt = "hello", max_tokens = 2 });
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return response.Headers.GetValues("x-zd-node").Single();
    }

    private static async Task WaitForInFlightAsync(ProcessCluster cluster, string pod)
    {
        var ip = cluster.Api.Pods.Get("default", pod).GetString("status", "podIP");
        using var http = new HttpClient();
        using var deadline = new CancellationTokenSource(Timeouts.StatusChange);
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while (await tick.WaitForNextTickAsync(deadline.Token))
        {
            var stats = await http.GetFromJsonAsync<JsonObject>($"http://{ip}:8000/-/zd/stats", deadline.Token);
            if (stats!.GetInt64("in_flight") > 0)
            {
                return;
            }
        }
    }

    private static async Task<string> Record(Task<HttpResponseMessage> request)
    {
        try
        {
            using var response = await request;
            var body = await response.Content.ReadFromJsonAsync<JsonObject>();
            return response.StatusCode == HttpStatusCode.OK && !string.IsNullOrEmpty(body?.GetString("generated_text")) ? "200" : $"status {(int)response.StatusCode}";
        }
        catch (Exception e) when (e is HttpRequestException or IOException or System.Text.Json.JsonException or SocketException)
        {
            return "failed";
        }
    }
}
