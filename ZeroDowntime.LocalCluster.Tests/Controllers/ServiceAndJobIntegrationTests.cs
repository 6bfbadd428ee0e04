using System.Text.Json.Nodes;
using FluentAssertions;
using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Controllers;
using ZeroDowntime.LocalCluster.Controllers.Autoscaling;
using ZeroDowntime.LocalCluster.Tests.Controllers.Support;
using Xunit;

namespace ZeroDowntime.LocalCluster.Tests.Controllers;

public sealed class ServiceAndJobIntegrationTests
{
    private static void CreateService(ClusterApi api) => api.Services.Create(TestApi.Json("""
        { "metadata": { "name": "web", "namespace": "default" },
          "spec": { "selector": { "app": "web" }, "ports": [ { "name": "http", "port": 80, "targetPort": "http" } ] } }
        """));

    [Fact]
    public async Task Endpoints_list_ready_pods_on_the_named_target_port_and_drop_terminating_ones_at_once()
    {
        await using var cluster = await TestCluster.StartAsync(terminationDelay: TimeSpan.FromSeconds(30));
        CreateService(cluster.Api);
        cluster.CreateDeployment("web", 2);
        await Eventually.HoldsAsync(cluster.Api, "2 ready addresses", () =>
            (cluster.Api.Endpoints.TryGet("default", "web")?.GetNode("subsets") as JsonArray)?[0]?["addresses"]?.AsArray().Count == 2,
            Timeouts.WorkloadReady, cluster.DescribePods);
        var endpoints = cluster.Api.Endpoints.Get("default", "web");
        endpoints["subsets"]![0]!["ports"]![0]!["port"]!.GetValue<int>().Should().Be(8080);
        var victim = cluster.ReadyPods("web")[0];

        cluster.Api.Pods.Delete("default", victim.Name());

        await Eventually.HoldsAsync(cluster.Api, "the terminating pod to leave the Endpoints and be marked terminating in the slice", () =>
        {
            var addresses = (cluster.Api.Endpoints.Get("default", "web")["subsets"]?[0]?["addresses"] as JsonArray)?.Select(a => a!["ip"]!.GetValue<string>()) ?? [];
            var slice = cluster.Api.EndpointSlices.List("default", "kubernetes.io/service-name=web").SingleOrDefault();
            var entry = (slice?["endpoints"] as JsonArray)?.FirstOrDefault(e => e!["targetRef"]!["uid"]!.GetValue<string>() == victim.Uid());
            return !addresses.Contains(victim.GetString("status", "podIP"))
                && entry?["conditions"]?["terminating"]?.GetValue<bool>() == true && entry["conditions"]!["ready"]!.GetValue<bool>() == false;
        }, Timeouts.Reaction, cluster.DescribePods);
        cluster.Api.Pods.Get("default", victim.Name()).GetNode("metadata", "deletionTimestamp").Should().NotBeNull("the pod is still terminating");
    }

    [Fact]
    public async Task A_service_without_backends_gets_a_slice_whose_endpoints_are_null_as_the_api_server_returns_it()
    {
        await using var cluster = await TestCluster.StartAsync();
        CreateService(cluster.Api);

        await Eventually.HoldsAsync(cluster.Api, "a slice for the service", () =>
            cluster.Api.EndpointSlices.List("default", "kubernetes.io/service-name=web").Count == 1, Timeouts.Reaction, cluster.DescribePods);

        var slice = cluster.Api.EndpointSlices.List("default", "kubernetes.io/service-name=web").Single();
        slice.ContainsKey("endpoints").Should().BeTrue();
        slice["endpoints"].Should().BeNull("a real API server sends \"endpoints\": null, not [], for a slice without endpoints");
    }

    [Fact]
    public async Task A_job_runs_to_completion()
    {
        await using var cluster = await TestCluster.StartAsync(runToCompletion: TimeSpan.FromMilliseconds(200));
        cluster.Api.Jobs.Create(TestApi.Json("""
            { "metadata": { "name": "batch", "namespace": "default" },
              "spec": { "completions": 2, "parallelism": 1, "template": { "spec": { "containers": [ { "name": "c", "image": "nginx:1" } ] } } } }
            """));

        await Eventually.HoldsAsync(cluster.Api, "the Job to be Complete", () => cluster.Api.Jobs.Get("default", "batch").Condition("Complete") is not null,
            Timeouts.WorkloadReady, cluster.DescribePods);
        var job = cluster.Api.Jobs.Get("default", "batch");
        job.GetInt64("status", "succeeded").Should().Be(2);
        job.GetNode("status", "completionTime").Should().NotBeNull();
    }

    [Fact]
    public async Task A_job_whose_pods_keep_failing_fails_with_BackoffLimitExceeded()
    {
        await using var cluster = await TestCluster.StartAsync();
        cluster.Api.Jobs.Create(TestApi.Json("""
            { "metadata": { "name": "flaky", "namespace": "default" },
              "spec": { "backoffLimit": 1, "template": { "spec": { "containers": [ { "name": "c", "image": "nginx:1" } ] } } } }
            """));

        for (var failures = 0; failures < 2; failures++)
        {
            var running = await Eventually.ReturnsAsync(cluster.Api, "a running job pod", () => cluster.Api.Pods.List("default", "job-name=flaky")
                .FirstOrDefault(p => p.GetString("status", "phase") == "Running"), Timeouts.Reaction, cluster.DescribePods);
            cluster.Api.Pods.Mutate("default", running.Name(), o => o["status"]!["phase"] = "Failed", status: true);
        }

        await Eventually.HoldsAsync(cluster.Api, "the Job to be Failed", () => cluster.Api.Jobs.Get("default", "flaky").Condition("Failed") is not null,
            Timeouts.Reaction, cluster.DescribePods);
        var failed = cluster.Api.Jobs.Get("default", "flaky").Condition("Failed")!;
        failed.GetString("reason").Should().Be("BackoffLimitExceeded");
        cluster.Api.Jobs.Get("default", "flaky").GetInt64("status", "failed").Should().Be(2);
    }

    [Fact]
    public async Task Hpa_scales_the_deployment_up_from_cpu_utilization()
    {
        // No cpu initialization period: the samples set below are taken right after the pods became Ready.
        await using var cluster = await TestCluster.StartAsync(hpa: new HpaOptions { SyncPeriod = TimeSpan.FromMilliseconds(200), CpuInitializationPeriod = TimeSpan.Zero });
        cluster.CreateDeployment("web", 2, extraPodSpec: "");
        cluster.Api.Deployments.Mutate("default", "web", o =>
            o["spec"]!["template"]!["spec"]!["containers"]![0]!["resources"] = new JsonObject { ["requests"] = new JsonObject { ["cpu"] = "100m" } });
        await Eventually.HoldsAsync(cluster.Api, "2 Ready pods with cpu requests", () => cluster.ReadyPods("web").Count(p =>
            p["spec"]!["containers"]![0]!["resources"] is not null) == 2 && cluster.Api.Pods.List("default", "app=web").Count == 2,
            Timeouts.WorkloadReady, cluster.DescribePods);
        foreach (var pod in cluster.ReadyPods("web"))
        {
            cluster.Metrics.SetCpu("default", pod.Name(), 150);
        }

        cluster.Api.HorizontalPodAutoscalers.Create(TestApi.Json("""
            { "metadata": { "name": "web", "namespace": "default" },
              "spec": { "scaleTargetRef": { "apiVersion": "apps/v1", "kind": "Deployment", "name": "web" }, "minReplicas": 1, "maxReplicas": 10,
                        "metrics": [ { "type": "Resource", "resource": { "name": "cpu", "target": { "type": "Utilization", "averageUtilization": 50 } } } ] } }
            """));

        // 2 x 150% / 50% = 6, but without behavior one step may at most double (or reach 4): 2 -> 4, then 4 -> 6
        // (the two new pods have no samples yet and count as idle on the way up: 300m / 400m = 75% -> 6).
        await Eventually.HoldsAsync(cluster.Api, "the HPA to scale web to 6 (2 × 150% / 50%)",
            () => cluster.Api.Deployments.Get("default", "web").GetInt64("spec", "replicas") == 6
                && cluster.Api.HorizontalPodAutoscalers.Get("default", "web").GetNode("status", "lastScaleTime") is not null,
            Timeouts.Reaction, cluster.DescribePods);
        var hpa = cluster.Api.HorizontalPodAutoscalers.Get("default", "web");
        hpa.GetInt64("status", "desiredReplicas").Should().Be(6);
        var rescales = cluster.Api.Events.List("default").Where(e => e.GetString("reason") == "SuccessfulRescale").OrderBy(e => e.Name(), StringComparer.Ordinal).Select(e => e.GetString("message")).ToList();
        rescales.Should().Equal(
            "New size: 4; reason: cpu resource utilization (percentage of request) above target",
            "New size: 6; reason: cpu resource utilization (percentage of request) above target");
    }

    [Fact]
    public async Task Controller_manager_logs_a_failing_controller_and_restarts_it()
    {
        var log = new StringWriter();
        var flaky = new FlakyController();
        var manager = new ControllerManager([flaky], TextWriter.Synchronized(log), TimeSpan.FromMilliseconds(10));
        using var stop = new CancellationTokenSource();
        var run = manager.RunAsync(TestApi.Create(), stop.Token);

        await flaky.SecondRun.Task.WaitAsync(Timeouts.Reaction);
        await stop.CancelAsync();
        await run.WaitAsync(Timeouts.Reaction);

        log.ToString().Should().Contain("controller flaky failed; restarting").And.Contain("boom");
    }

    private sealed class FlakyController : IClusterController
    {
        private int _runs;

        public TaskCompletionSource SecondRun { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Name => "flaky";

        public async Task RunAsync(ClusterApi api, CancellationToken ct)
        {
            if (Interlocked.Increment(ref _runs) == 1)
            {
                throw new InvalidOperationException("boom");
            }

            SecondRun.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
        }
    }
}
