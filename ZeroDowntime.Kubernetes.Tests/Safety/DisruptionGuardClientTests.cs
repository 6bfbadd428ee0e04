using FluentAssertions;
using k8s;
using k8s.Models;
using ZeroDowntime.Kubernetes.Safety;
using ZeroDowntime.Kubernetes.Tests.Fakes;

namespace ZeroDowntime.Kubernetes.Tests.Safety;

/// <summary>The disruption gate installed in a library client (KubeClientOptions.Handlers), against the fake: a closed gate sends nothing.</summary>
public class DisruptionGuardClientTests
{
    private static readonly V1Patch Cordon = new("""{"spec":{"unschedulable":true}}""", V1Patch.PatchType.StrategicMergePatch);

    // Each disruptive call a scenario makes, by the library's own operations; the key names it in the test list.
    private static readonly Dictionary<string, (Func<IKubernetes, Task> Call, string Operation)> Disruptive = new()
    {
        ["evict"] = (k => k.EvictPodAsync("ray-worker-abc", "default"), "evict pod default/ray-worker-abc"),
        ["delete pod"] = (k => k.CoreV1.DeleteNamespacedPodAsync("ray-worker-abc", "default"), "DELETE pod default/ray-worker-abc"),
        ["cordon"] = (k => k.CoreV1.PatchNodeAsync(Cordon, "ip-10-0-1-5"), "PATCH node ip-10-0-1-5"),
        ["delete node"] = (k => k.CoreV1.DeleteNodeAsync("ip-10-0-1-5"), "DELETE node ip-10-0-1-5"),
        ["scale"] = (k => k.AppsV1.PatchNamespacedDeploymentScaleAsync(new V1Patch("""{"spec":{"replicas":0}}""", V1Patch.PatchType.MergePatch), "web", "default"),
            "PATCH deployment default/web (scale)"),
        ["delete pdb"] = (k => k.PolicyV1.DeleteNamespacedPodDisruptionBudgetAsync("ray-worker-pdb", "default"), "DELETE poddisruptionbudget default/ray-worker-pdb"),
        ["network policy"] = (k => k.NetworkingV1.CreateNamespacedNetworkPolicyAsync(new V1NetworkPolicy { Metadata = new V1ObjectMeta { Name = "deny" } }, "default"),
            "POST networkpolicy in namespace default"),
        ["delete pods by label"] = (k => k.CoreV1.DeleteCollectionNamespacedPodAsync("default", labelSelector: "app=ray"), "DELETE pods in namespace default matching 'app=ray'"),
    };

    public static TheoryData<string> DisruptiveCalls => new(Disruptive.Keys);

    private static KubeClientOptions Gated(DisruptionGate gate, TestLog? log = null) =>
        ClientFactory.FastOptions(log) with { Handlers = [() => new DisruptionGuardHandler(gate)] };

    [Theory]
    [MemberData(nameof(DisruptiveCalls))]
    public async Task A_closed_gate_sends_nothing_and_names_the_call_and_the_setting(string call)
    {
        await using var server = await FakeApiServer.StartAsync();
        var log = new TestLog();
        using var kube = ClientFactory.Create(server, Gated(DisruptionGate.ForContext("prod-eks", null), log));
        var (send, operation) = Disruptive[call];

        var refused = (await FluentActions.Awaiting(() => send(kube)).Should().ThrowAsync<DisruptionNotAllowedException>()).Which;

        refused.Message.Should().Be($"Refusing to {operation} on context 'prod-eks': disruptive steps run only when ZD_ALLOW_DISRUPTION equals the context name (it is not set).");
        refused.Operation.Should().Be(operation);
        server.Requests.Should().BeEmpty();
        log.Lines.Should().BeEmpty("a refused request is neither sent nor retried");
    }

    [Theory]
    [MemberData(nameof(DisruptiveCalls))]
    public async Task An_open_gate_lets_the_call_through_once(string call)
    {
        await using var server = await FakeApiServer.StartAsync();
        using var kube = ClientFactory.Create(server, Gated(DisruptionGate.ForContext("prod-eks", "prod-eks")));

        // The fake answers 404 (nothing scripted): what matters is that the request arrived, once.
        await FluentActions.Awaiting(() => Disruptive[call].Call(kube)).Should().NotThrowAsync<DisruptionNotAllowedException>();

        server.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task A_closed_gate_lets_reads_watches_logs_proxies_and_the_suites_own_cleanup_through()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.On("GET", "/api/v1/namespaces/default/pods", (ctx, r) => r.Query.GetValueOrDefault("watch") == "true"
            ? ctx.HoldOpenAsync(HttpContextResponses.WatchLine("ADDED", Objects.Pod("a", "2")))
            : ctx.WriteJsonAsync(200, Objects.PodList("1", null)));
        server.On("POST", "/apis/batch/v1/namespaces/default/jobs", (ctx, _) => ctx.WriteJsonAsync(201, new V1Job { Metadata = new V1ObjectMeta { Name = "zd-k6" } }));
        server.On("DELETE", "/apis/batch/v1/namespaces/default/jobs/zd-k6", (ctx, _) => ctx.WriteStatusAsync(200, "", ""));
        server.On("DELETE", "/api/v1/namespaces/default/configmaps/zd-k6-script", (ctx, _) => ctx.WriteStatusAsync(200, "", ""));
        server.On("PATCH", "/api/v1/namespaces/default/pods/k6:6565/proxy/v1/status", (ctx, _) => ctx.WriteRawAsync(200, "{}"));
        using var kube = ClientFactory.Create(server, Gated(DisruptionGate.ForContext("prod-eks", null)));

        await kube.ListAllAsync(KubeResources.Pods, "default", labelSelector: "app=redis");
        await using (var watch = WatchReader.Start(ct => kube.WatchAsync(KubeResources.Pods, "default", new WatchOptions { ResourceVersion = "1" }, ct)))
        {
            await watch.TakeAsync(1);
        }

        await kube.BatchV1.CreateNamespacedJobAsync(new V1Job { Metadata = new V1ObjectMeta { Name = "zd-k6" } }, "default");
        await kube.BatchV1.DeleteNamespacedJobAsync("zd-k6", "default", new V1DeleteOptions { PropagationPolicy = "Background" });
        await kube.CoreV1.DeleteNamespacedConfigMapAsync("zd-k6-script", "default");
        (await kube.ProxyToPodAsync(HttpMethod.Patch, "default", "k6", 6565, "v1/status", "{}")).IsSuccess.Should().BeTrue();

        server.Requests.Select(r => $"{r.Method} {r.Path}").Should().Equal(
            "GET /api/v1/namespaces/default/pods",
            "GET /api/v1/namespaces/default/pods",
            "POST /apis/batch/v1/namespaces/default/jobs",
            "DELETE /apis/batch/v1/namespaces/default/jobs/zd-k6",
            "DELETE /api/v1/namespaces/default/configmaps/zd-k6-script",
            "PATCH /api/v1/namespaces/default/pods/k6:6565/proxy/v1/status");
    }
}
