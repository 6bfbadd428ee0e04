using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using k8s;
using k8s.Models;
using ZeroDowntime.Kubernetes;
using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Tests.Networking;
using ZeroDowntime.LocalCluster.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace ZeroDowntime.LocalCluster.Tests.Kubelet;

public sealed class SampleTargetTests(SampleTargetFixture fixture, ITestOutputHelper output) : IClassFixture<SampleTargetFixture>
{
    private const string NodesPath = "api/v1/namespaces/default/services/ray-head-svc:dashboard/proxy/api/v0/nodes";
    private ProcessCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task The_sample_target_runs_its_pods_Ready_with_real_redis_and_the_head_sees_three_workers()
    {
        output.WriteLine($"sample target: manifests applied to all Ready in {fixture.TimeToReady.TotalSeconds:0.0} s");
        var pods = Cluster.Api.Pods.List("default");
        var sentinels = pods.Where(p => p.Name().StartsWith("redis-sentinel-", StringComparison.Ordinal)).ToList();

        // Seven pods of the reference topology, plus three Sentinels where redis-server runs them (the Garnet stand-in has none).
        pods.Except(sentinels).Where(p => p.IsPodReady()).Should().HaveCount(7);
        sentinels.Should().HaveCount(3);
        sentinels.Count(p => p.IsPodReady()).Should().Be(RedisServerFactAttribute.Installed ? 3 : 0);
        pods.Select(p => p.GetString("status", "podIP")).Should().OnlyHaveUniqueItems().And.OnlyContain(ip => ip!.StartsWith("127.10."));
        foreach (var redis in pods.Except(sentinels).Where(p => p.Name().StartsWith("redis-", StringComparison.Ordinal)))
        {
            (await RedisPingAsync(redis.GetString("status", "podIP")!)).Should().Be("+PONG");
        }

        var alive = await WaitForAliveWorkersAsync(3, null);
        alive.Should().HaveCount(3);
    }

    [Fact]
    public async Task Deleting_a_worker_keeps_the_load_balancer_serving_while_its_replacement_becomes_Ready()
    {
        var ingress = LoadBalancerAddress();
        var before = Workers().Select(w => w.Name()).ToHashSet();
        var victim = Workers().First();
        var victimIp = victim.GetString("status", "podIP")!;
        var load = new LoadLoop(ingress);
        await load.WaitForSuccessesAsync(5);

        Cluster.Api.Pods.Delete("default", victim.Name());
        await Cluster.WaitForGoneAsync(victim.Name());
        var refused = await ConnectErrorAsync(victimIp, 8000);
        var replacement = await Cluster.WaitForAsync(() => Workers().FirstOrDefault(p => p.IsPodReady() && !before.Contains(p.Name())),
            Timeouts.PodReady, "a Ready replacement worker", () => string.Join(", ", Workers().Select(p => $"{p.Name()} ready={p.IsPodReady()}")));
        await load.WaitForNodeAsync(replacement.Name());
        var (successes, failures) = await load.StopAsync();

        refused.Should().Be(SocketError.ConnectionRefused, "the deleted pod's address has no listener once its process is gone");
        output.WriteLine($"load during the deletion: {successes} ok, {failures} failed");
        successes.Should().BeGreaterThan(20);
        failures.Should().BeLessThanOrEqualTo(2, "preStop outlasts the endpoint propagation, so only a broken connection may fail");
    }

    [Fact]
    public async Task A_replaced_head_reports_the_workers_again_through_the_service_proxy()
    {
        var head = Cluster.Api.Pods.List("default", "ray.io/node-type=head").Single();

        Cluster.Api.Pods.Delete("default", head.Name());
        await Cluster.WaitForGoneAsync(head.Name());
        var newHead = await Cluster.WaitForAsync(() => Cluster.Api.Pods.List("default", "ray.io/node-type=head").FirstOrDefault(p => p.IsPodReady()),
            Timeouts.PodReady, "a new Ready head", () => "no Ready head");
        var alive = await WaitForAliveWorkersAsync(3, newHead.Name());

        newHead.Name().Should().NotBe(head.Name());
        alive.Select(n => n.GetString("node_name")).Should().BeEquivalentTo(Workers().Select(w => w.Name()));
    }

    [Fact]
    public async Task Draining_a_worker_node_with_the_budget_never_drops_traffic_to_zero()
    {
        using var client = await Cluster.ConnectAsync();
        var headNode = Cluster.Api.Pods.List("default", "ray.io/node-type=head").Single().GetString("spec", "nodeName");
        var workers = Workers();
        var node = workers.Select(w => w.GetString("spec", "nodeName")!).First(n => n != headNode);
        var victim = workers.Single(w => w.GetString("spec", "nodeName") == node);
        var other = workers.First(w => w.Name() != victim.Name());
        var load = new LoadLoop(LoadBalancerAddress());
        await load.WaitForSuccessesAsync(5);

        var drainStart = DateTime.UtcNow;
        await client.CoreV1.PatchNodeAsync(new V1Patch("""{"spec":{"unschedulable":true}}""", V1Patch.PatchType.StrategicMergePatch), node);
        var evicted = await client.EvictPodAsync(victim.Name(), "default");
        var second = await client.EvictPodAsync(other.Name(), "default");
        foreach (var pod in Cluster.Api.Pods.List("default").Where(p => p.GetString("spec", "nodeName") == node && p.Name() != victim.Name()))
        {
            await EvictWithRetryAsync(client, pod.Name());
        }

        await Cluster.WaitForGoneAsync(victim.Name());
        var replacement = await Cluster.WaitForAsync(() => Workers().FirstOrDefault(p => p.IsPodReady() && workers.All(w => w.Name() != p.Name())),
            Timeouts.PodReady, "a Ready replacement worker", () => string.Join(", ", Workers().Select(p => $"{p.Name()} ready={p.IsPodReady()}")));
        await load.WaitForNodeAsync(replacement.Name());
        var drainEnd = DateTime.UtcNow;
        await client.CoreV1.PatchNodeAsync(new V1Patch("""{"spec":{"unschedulable":null}}""", V1Patch.PatchType.StrategicMergePatch), node);
        await load.StopAsync();

        evicted.Outcome.Should().Be(EvictionOutcome.Evicted);
        second.Outcome.Should().Be(EvictionOutcome.RefusedByBudget, "while the first worker is disrupted the budget allows no second eviction");
        replacement.GetString("spec", "nodeName").Should().NotBe(node, "the drained node is cordoned");
        var emptySeconds = Enumerable.Range(0, (int)(drainEnd - drainStart).TotalSeconds)
            .Select(i => drainStart.AddSeconds(i))
            .Where(from => !load.Outcomes.Any(o => o.Ok && o.At >= from && o.At < from.AddSeconds(1)))
            .Select(from => from.ToString("HH:mm:ss.ff"))
            .ToList();
        emptySeconds.Should().BeEmpty("traffic must keep flowing in every second of the drain");
    }

    private static async Task EvictWithRetryAsync(IKubernetes client, string pod)
    {
        using var deadline = new CancellationTokenSource(Timeouts.PodReady);
        while ((await client.EvictPodAsync(pod, "default", ct: deadline.Token)).Outcome == EvictionOutcome.RefusedByBudget)
        {
            // What kubectl drain does on a 429: try again a little later (it waits 5 s).
            await Task.Delay(TimeSpan.FromMilliseconds(250), deadline.Token);
        }
    }

    private IReadOnlyList<JsonObject> Workers() =>
        Cluster.Api.Pods.List("default", "ray.io/node-type=worker").Where(p => p.GetNode("metadata", "deletionTimestamp") is null).ToList();

    private IPEndPoint LoadBalancerAddress()
    {
        var ingress = Cluster.Api.Services.Get("default", "ray-serve-nlb").GetNode("status", "loadBalancer", "ingress")!.AsArray()[0]!.AsObject();
        return new IPEndPoint(IPAddress.Parse(ingress.GetString("ip")!), 80);
    }

    /// <summary>
    /// Polls the head's state API through the API server's service proxy (an HTTP API: polling is the only way)
    /// until exactly the current worker pods are ALIVE (a restored head may list a deleted worker until its dead timeout).
    /// </summary>
    private async Task<List<JsonObject>> WaitForAliveWorkersAsync(int count, string? headName)
    {
        using var http = new HttpClient { BaseAddress = Cluster.Host.Uri };
        using var deadline = new CancellationTokenSource(Timeouts.PodReady);
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        var last = "";
        try
        {
            do
            {
                using var response = await http.GetAsync(NodesPath, deadline.Token);
                last = await response.Content.ReadAsStringAsync(deadline.Token);
                if (response.IsSuccessStatusCode)
                {
                    var nodes = JsonNode.Parse(last)!["data"]!["result"]!["result"]!.AsArray().OfType<JsonObject>().ToList();
                    var alive = nodes.Where(n => n.GetString("state") == "ALIVE" && n.GetBool("is_head_node") == false).ToList();
                    var headOk = headName is null || nodes.Any(n => n.GetBool("is_head_node") == true && n.GetString("node_name") == headName && n.GetString("state") == "ALIVE");
                    var expected = Workers().Select(w => w.Name()).ToHashSet();
                    if (alive.Count == count && headOk && alive.All(n => expected.Contains(n.GetString("node_name")!)))
                    {
                        return alive;
                    }
                }
            }
            while (await tick.WaitForNextTickAsync(deadline.Token));
        }
        catch (OperationCanceledException)
        {
        }

        throw new TimeoutException($"the head did not report {count} ALIVE workers; last answer: {last}");
    }

    private static async Task<string> RedisPingAsync(string ip)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(ip, 6379);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes("PING\r\n"));
        var buffer = new byte[64];
        var n = await stream.ReadAtLeastAsync(buffer, 5, throwOnEndOfStream: false);
        return Encoding.ASCII.GetString(buffer, 0, n).TrimEnd();
    }

    private static async Task<SocketError?> ConnectErrorAsync(string ip, int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(ip, port);
            return null;
        }
        catch (SocketException e)
        {
            return e.SocketErrorCode;
        }
    }

    /// <summary>Back-to-back requests through the load balancer, one new connection each, until stopped.</summary>
    private sealed class LoadLoop
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;
        private readonly object _gate = new();
        private TaskCompletionSource _progress = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _successes;
        private int _failures;

        public LoadLoop(IPEndPoint ingress) => _loop = Task.Run(() => RunAsync(ingress));

        public HashSet<string> Nodes { get; } = [];

        /// <summary>When each request finished and whether it succeeded.</summary>
        public List<(DateTime At, bool Ok)> Outcomes { get; } = [];

        public Task WaitForSuccessesAsync(int count) => WaitAsync(() => _successes >= count, $"{count} successful requests");

        public Task WaitForNodeAsync(string node) => WaitAsync(() => Nodes.Contains(node), $"a response from {node}");

        public async Task<(int Successes, int Failures)> StopAsync()
        {
            await _stop.CancelAsync();
            await _loop;
            return (_successes, _failures);
        }

        private async Task WaitAsync(Func<bool> condition, string what)
        {
            using var deadline = new CancellationTokenSource(Timeouts.PodReady);
            while (true)
            {
                Task progress;
                lock (_gate)
                {
                    if (condition())
                    {
                        return;
                    }

                    progress = _progress.Task;
                }

                try
                {
                    await progress.WaitAsync(deadline.Token);
                }
                catch (OperationCanceledException)
                {
                    throw new TimeoutException($"load loop never saw {what}; ok={_successes} failed={_failures} nodes={string.Join(',', Nodes)}");
                }
            }
        }

        private async Task RunAsync(IPEndPoint ingress)
        {
            while (!_stop.IsCancellationRequested)
            {
                string? node = null;
                try
                {
                    using var http = LoadBalancerTests.NewConnectionClient();
                    using var response = await http.PostAsJsonAsync($"http://{ingress}/VLLMDeployment", new { prompt = "hi", max_tokens = 2 });
                    var body = await response.Content.ReadFromJsonAsync<JsonObject>();
                    if (response.StatusCode == HttpStatusCode.OK && !string.IsNullOrEmpty(body?.GetString("generated_text")))
                    {
                        node = response.Headers.GetValues("x-zd-node").Single();
                    }
                }
                catch (Exception e) when (e is HttpRequestException or IOException or System.Text.Json.JsonException or TaskCanceledException)
                {
                }

                lock (_gate)
                {
                    Outcomes.Add((DateTime.UtcNow, node is not null));
                    if (node is null)
                    {
                        _failures++;
                    }
                    else
                    {
                        _successes++;
                        Nodes.Add(node);
                    }

                    _progress.TrySetResult();
                    _progress = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }
            }
        }
    }
}
