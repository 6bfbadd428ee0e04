using System.Text.Json.Nodes;
using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Controllers.Autoscaling;
using ZeroDowntime.LocalCluster.Tests.Controllers.Support;

namespace ZeroDowntime.LocalCluster.Tests.Controllers.Autoscaling;

/// <summary>The controller end to end on the in-process cluster: conditions, messages and events as the real controller writes them.</summary>
public sealed class HpaControllerTests
{
    private static readonly HpaOptions Fast = new() { SyncPeriod = TimeSpan.FromMilliseconds(200), CpuInitializationPeriod = TimeSpan.Zero };

    [Fact]
    public async Task An_hpa_at_its_maximum_reports_ScalingLimited_TooManyReplicas_and_does_not_scale()
    {
        await using var cluster = await TestCluster.StartAsync(hpa: Fast);
        await WebWithCpuAsync(cluster, replicas: 3, millicores: 180); // 180% of 100m against 50%
        CreateHpa(cluster, min: 3, max: 3);

        await Eventually.HoldsAsync(cluster.Api, "ScalingLimited on the HPA", () => Condition(cluster, "ScalingLimited") is not null, Timeouts.Reaction, cluster.DescribePods);

        Condition(cluster, "ScalingLimited").Should().Be(("True", "TooManyReplicas", "the desired replica count is more than the maximum replica count"));
        Condition(cluster, "ScalingActive").Should().Be(("True", "ValidMetricFound",
            "the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)"));
        Condition(cluster, "AbleToScale").Should().Be(("True", "ReadyForNewScale", "recommended size matches current size"));
        var status = cluster.Api.HorizontalPodAutoscalers.Get("default", "web")["status"]!;
        status["desiredReplicas"]!.GetValue<long>().Should().Be(3);
        status["currentMetrics"]![0]!["resource"]!["current"]!["averageUtilization"]!.GetValue<long>().Should().Be(180);
        cluster.Api.Deployments.Get("default", "web").GetInt64("spec", "replicas").Should().Be(3);
        cluster.Api.Events.List("default").Should().NotContain(e => e.GetString("reason") == "SuccessfulRescale");
    }

    [Fact]
    public async Task Without_metrics_the_hpa_is_not_active_and_says_why()
    {
        await using var cluster = await TestCluster.StartAsync(hpa: Fast);
        await WebWithCpuAsync(cluster, replicas: 2, millicores: null);
        CreateHpa(cluster, min: 1, max: 5);

        await Eventually.HoldsAsync(cluster.Api, "ScalingActive on the HPA", () => Condition(cluster, "ScalingActive") is not null, Timeouts.Reaction, cluster.DescribePods);

        Condition(cluster, "ScalingActive").Should().Be(("False", "FailedGetResourceMetric",
            "the HPA was unable to compute the replica count: failed to get cpu utilization: unable to get metrics for resource cpu: no metrics returned from resource metrics API"));
        var warnings = cluster.Api.Events.List("default").Where(e => e.GetString("type") == "Warning").Select(e => (e.GetString("reason"), e.GetString("message"))).ToList();
        warnings.Should().Contain(("FailedGetResourceMetric", "failed to get cpu utilization: unable to get metrics for resource cpu: no metrics returned from resource metrics API"));
        warnings.Should().Contain(("FailedComputeMetricsReplicas", "invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value: " +
            "failed to get cpu utilization: unable to get metrics for resource cpu: no metrics returned from resource metrics API"));
    }

    [Fact]
    public async Task Kubectl_shows_the_targets_column_as_kubectl_prints_it()
    {
        await using var cluster = await TestCluster.StartAsync(hpa: Fast);
        await WebWithCpuAsync(cluster, replicas: 3, millicores: 45);
        CreateHpa(cluster, min: 3, max: 5);
        await Eventually.HoldsAsync(cluster.Api, "the HPA's current metrics", () =>
            cluster.Api.HorizontalPodAutoscalers.Get("default", "web").GetNode("status", "currentMetrics") is not null, Timeouts.Reaction, cluster.DescribePods);

        if (Kubectl.Path is null)
        {
            return; // the table itself is checked through the API below
        }

        using var kubectl = await Kubectl.ForAsync(cluster.Host);
        var (code, table) = await kubectl.RunAsync(Timeouts.Kubectl, "get", "hpa", "web");
        code.Should().Be(0, table);
        table.Should().MatchRegex(@"web\s+Deployment/web\s+cpu: 45%/50%\s+3\s+5\s+3");
    }

    private static async Task WebWithCpuAsync(TestCluster cluster, int replicas, double? millicores)
    {
        cluster.CreateDeployment("web", replicas, extraPodSpec: "");
        cluster.Api.Deployments.Mutate("default", "web", o =>
            o["spec"]!["template"]!["spec"]!["containers"]![0]!["resources"] = new JsonObject { ["requests"] = new JsonObject { ["cpu"] = "100m" } });
        await Eventually.HoldsAsync(cluster.Api, $"{replicas} Ready pods with cpu requests", () => cluster.ReadyPods("web").Count(p =>
            p["spec"]!["containers"]![0]!["resources"] is not null) == replicas && cluster.Api.Pods.List("default", "app=web").Count == replicas,
            Timeouts.WorkloadReady, cluster.DescribePods);
        if (millicores is { } m)
        {
            foreach (var pod in cluster.ReadyPods("web"))
            {
                cluster.Metrics.SetCpu("default", pod.Name(), m);
            }
        }
    }

    private static void CreateHpa(TestCluster cluster, int min, int max) =>
        cluster.Api.HorizontalPodAutoscalers.Create(TestApi.Json($$"""
            { "metadata": { "name": "web", "namespace": "default" },
              "spec": { "scaleTargetRef": { "apiVersion": "apps/v1", "kind": "Deployment", "name": "web" }, "minReplicas": {{min}}, "maxReplicas": {{max}},
                        "metrics": [ { "type": "Resource", "resource": { "name": "cpu", "target": { "type": "Utilization", "averageUtilization": 50 } } } ] } }
            """));

    private static (string?, string?, string?)? Condition(TestCluster cluster, string type) =>
        cluster.Api.HorizontalPodAutoscalers.Get("default", "web").Condition(type) is { } c ? (c.GetString("status"), c.GetString("reason"), c.GetString("message")) : null;
}
