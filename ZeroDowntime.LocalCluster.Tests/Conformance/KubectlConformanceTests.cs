using System.Text.Json.Nodes;
using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Tests.Support;

namespace ZeroDowntime.LocalCluster.Tests.Conformance;

/// <summary>kubectl v1.32 prints events, leases and autoscalers (in both autoscaling versions) as against a real cluster.</summary>
public sealed class KubectlConformanceTests : IClassFixture<TestCluster>
{
    private readonly TestCluster _cluster;

    public KubectlConformanceTests(TestCluster cluster) => _cluster = cluster;

    private static string[] Header(string table) => table.Split('\n')[0].Split("  ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [KubectlFact]
    public async Task Get_events_prints_last_seen_type_reason_object_and_message()
    {
        var ns = _cluster.NewNamespace();
        _cluster.Api.Events.Create(new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "web-0.17f2a", ["namespace"] = ns },
            ["involvedObject"] = new JsonObject { ["kind"] = "Pod", ["name"] = "web-0", ["namespace"] = ns, ["fieldPath"] = "spec.containers{app}" },
            ["reason"] = "Started",
            ["message"] = "Started container app",
            ["type"] = "Normal",
            ["source"] = new JsonObject { ["component"] = "kubelet", ["host"] = "zd-node-1" },
            ["firstTimestamp"] = _cluster.Api.Timestamp(TimeSpan.FromMinutes(-5)),
            ["lastTimestamp"] = _cluster.Api.Timestamp(TimeSpan.FromSeconds(-30)),
            ["count"] = 3,
        });

        var output = await Kubectl.OkAsync(_cluster, "get", "events", "-n", ns);
        var wide = await Kubectl.OkAsync(_cluster, "get", "events", "-n", ns, "-o", "wide");

        Header(output).Should().Equal("LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE");
        output.Should().MatchRegex(@"\n3\ds\s+Normal\s+Started\s+pod/web-0\s+Started container app");
        Header(wide).Should().Equal("LAST SEEN", "TYPE", "REASON", "OBJECT", "SUBOBJECT", "SOURCE", "MESSAGE", "FIRST SEEN", "COUNT", "NAME");
        wide.Should().MatchRegex(@"pod/web-0\s+spec.containers\{app\}\s+kubelet, zd-node-1\s+Started container app\s+5m\d*s?\s+3\s+web-0.17f2a");
    }

    [KubectlFact]
    public async Task Get_leases_shows_each_node_holding_its_lease()
    {
        var output = await Kubectl.OkAsync(_cluster, "get", "leases", "-n", "kube-node-lease");

        Header(output).Should().Equal("NAME", "HOLDER", "AGE");
        output.Should().MatchRegex(@"zd-node-1\s+zd-node-1\s+\d+");
    }

    [KubectlFact]
    public async Task Autoscale_creates_an_autoscaler_that_get_prints_in_both_autoscaling_versions()
    {
        var ns = _cluster.NewNamespace();
        _cluster.Api.Deployments.Create(Objects.Deployment(ns, "web"));

        var created = await Kubectl.OkAsync(_cluster, "autoscale", "deployment", "web", "-n", ns, "--min", "1", "--max", "3", "--cpu-percent", "50");
        var preferred = await Kubectl.OkAsync(_cluster, "get", "hpa", "-n", ns);
        var shortV1 = await Kubectl.OkAsync(_cluster, "get", "hpa.v1.autoscaling", "-n", ns);
        var v1 = await Kubectl.OkAsync(_cluster, "get", "horizontalpodautoscalers.v1.autoscaling", "-n", ns);
        var v1Json = JsonNode.Parse(await Kubectl.OkAsync(_cluster, "get", "horizontalpodautoscalers.v1.autoscaling", "web", "-n", ns, "-o", "json"))!;

        created.Trim().Should().Be("horizontalpodautoscaler.autoscaling/web autoscaled");
        foreach (var table in new[] { preferred, shortV1, v1 })
        {
            Header(table).Should().Equal("NAME", "REFERENCE", "TARGETS", "MINPODS", "MAXPODS", "REPLICAS", "AGE");
            table.Should().MatchRegex(@"web\s+Deployment/web\s+cpu: <unknown>/50%\s+1\s+3\s+0\s+\d+s");
        }

        v1Json["apiVersion"]!.GetValue<string>().Should().Be("autoscaling/v1");
        v1Json["spec"]!["targetCPUUtilizationPercentage"]!.GetValue<int>().Should().Be(50);
        _cluster.Api.HorizontalPodAutoscalers.Get(ns, "web")["spec"]!["metrics"]!.ToJsonString()
            .Should().Be("""[{"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":50}}}]""");
    }
}
