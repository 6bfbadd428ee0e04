using System.Text.Json.Nodes;
using FluentAssertions;
using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Kubelet;
using ZeroDowntime.LocalCluster.Tests.Support;
using Xunit;

namespace ZeroDowntime.LocalCluster.Tests.Kubelet;

/// <summary>The embedded cluster's process-kill test hook: SIGKILL without deleting the pod, a restart in place.</summary>
public sealed class ProcessKillHookTests
{
    private const string Pod = """
        apiVersion: v1
        kind: Pod
        metadata: { name: victim, namespace: default }
        spec:
          nodeName: zd-node-1
          terminationGracePeriodSeconds: 1
          containers:
            - name: main
              image: busybox
              command: ["sh", "-c", "echo started; exec sleep 600"]
              readinessProbe: { exec: { command: ["true"] }, periodSeconds: 1 }
        """;

    [Fact]
    public async Task The_hook_kills_the_container_process_and_the_kubelet_restarts_it_in_place_with_restartCount_up()
    {
        await using var cluster = await ProcessCluster.StartAsync();
        using var http = new HttpClient { BaseAddress = cluster.Host.Uri };
        var before = cluster.Apply(Pod);
        await cluster.WaitForReadyAsync("victim");
        var discovery = JsonNode.Parse(await http.GetStringAsync("api/v1"))!["resources"]!.AsArray().Select(r => r!["name"]!.GetValue<string>());

        using var response = await http.PostAsync($"api/v1/namespaces/default/pods/victim/{ProcessKillHandler.Subresource}?container=main", null);
        var status = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        var restarted = await cluster.WaitForPodAsync("victim", p => p.IsPodReady() && RestartCount(p) == 1, Timeouts.PodReady, "to be Ready again after one restart");

        discovery.Should().Contain("pods/zerodowntime-kill");
        ((int)response.StatusCode).Should().Be(200);
        status.GetString("message").Should().StartWith("sent SIGKILL to container main of pod default/victim (process group ").And.EndWith(", restartCount 0)");
        restarted.Uid().Should().Be(before.Uid(), "the pod is not deleted: the container restarts in place");
        restarted.GetNode("status", "containerStatuses")!.AsArray()[0]!.AsObject().GetInt64("lastState", "terminated", "exitCode").Should().Be(137);
        cluster.EventsOf("victim").Should().Contain(e => e.GetString("reason") == "Killed" && e.GetString("message")!.StartsWith("Test hook: sent SIGKILL", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_container_is_a_bad_request_and_a_pod_without_running_processes_a_conflict()
    {
        await using var cluster = await ProcessCluster.StartAsync();
        using var http = new HttpClient { BaseAddress = cluster.Host.Uri };
        cluster.Apply(Pod);
        await cluster.WaitForReadyAsync("victim");
        cluster.Apply(Pod.Replace("name: victim", "name: pending").Replace("image: busybox", "image: grafana/k6:0.49.0"));
        await cluster.WaitForEventAsync("pending", "Failed", Timeouts.StatusChange);

        using var unknown = await http.PostAsync($"api/v1/namespaces/default/pods/victim/{ProcessKillHandler.Subresource}?container=nope", null);
        using var notRunning = await http.PostAsync($"api/v1/namespaces/default/pods/pending/{ProcessKillHandler.Subresource}", null);

        ((int)unknown.StatusCode).Should().Be(400);
        (await unknown.Content.ReadAsStringAsync()).Should().Contain("container nope is not valid for pod victim");
        ((int)notRunning.StatusCode).Should().Be(409);
        (await notRunning.Content.ReadAsStringAsync()).Should().Contain("container main of pod default/pending is not running (ErrImagePull); nothing to kill");
    }

    private static long RestartCount(JsonObject pod) =>
        (pod.GetNode("status", "containerStatuses") as JsonArray)?[0]?.AsObject().GetInt64("restartCount") ?? 0;
}
