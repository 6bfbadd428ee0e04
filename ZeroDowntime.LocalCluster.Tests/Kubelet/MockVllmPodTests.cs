using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Tests.Support;
using Xunit;

namespace ZeroDowntime.LocalCluster.Tests.Kubelet;

public sealed class MockVllmPodTests
{
    internal const string WorkerPod = """
        apiVersion: v1
        kind: Pod
        metadata: { name: NAME, namespace: default, labels: { app: vllm } }
        spec:
          nodeName: zd-node-1
          terminationGracePeriodSeconds: 5
          containers:
            - name: worker
              image: zerodowntime/mock-vllm:latest
              args: ["--role", "worker", "--host", "$(POD_IP)", "--node-name", "$(POD_NAME)", "--agent-port", "off"EXTRA]
              env:
                - { name: POD_IP, valueFrom: { fieldRef: { fieldPath: status.podIP } } }
                - { name: POD_NAME, valueFrom: { fieldRef: { fieldPath: metadata.name } } }
              ports: [{ name: serve, containerPort: 8000 }]
              readinessProbe:
                httpGet: { path: /-/healthz, port: serve }
                periodSeconds: 1
                failureThreshold: 1
        """;

    internal static string Worker(string name, string extraArgs = "") => WorkerPod.Replace("NAME", name).Replace("EXTRA", extraArgs);

    [Fact]
    public async Task A_MockVllm_pod_becomes_Ready_and_answers_on_its_own_loopback_address()
    {
        await using var cluster = await ProcessCluster.StartAsync();
        cluster.Apply(Worker("w1"));

        var pod = await cluster.WaitForReadyAsync("w1");

        var podIp = pod.GetString("status", "podIP")!;
        podIp.Should().StartWith("127.10.").And.NotBe("127.0.0.1");
        pod.GetString("status", "hostIP").Should().Be("127.0.0.1");
        pod.GetString("status", "phase").Should().Be("Running");
        pod.GetNode("status", "startTime").Should().NotBeNull();
        foreach (var type in (string[])["PodScheduled", "Initialized", "ContainersReady", "Ready"])
        {
            pod.Condition(type)!.GetString("status").Should().Be("True", $"condition {type}");
            pod.Condition(type)!.GetString("lastTransitionTime").Should().NotBeNullOrEmpty();
        }

        var status = (JsonObject)pod.GetNode("status", "containerStatuses")!.AsArray()[0]!;
        status.GetBool("ready").Should().BeTrue();
        status.GetBool("started").Should().BeTrue();
        status.GetInt64("restartCount").Should().Be(0);
        status.GetNode("state", "running", "startedAt").Should().NotBeNull();

        using var http = new HttpClient();
        var response = await http.PostAsJsonAsync($"http://{podIp}:8000/VLLMDeployment", new { prompt = "capital of France?", max_tokens = 4 });
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.GetValues("x-zd-node").Should().Equal("w1");
        (await response.Content.ReadFromJsonAsync<JsonObject>())!.GetString("generated_text").Should().NotBeNullOrEmpty();
        cluster.EventsOf("w1").Select(e => e.GetString("reason")).Should().Contain(["Pulled", "Created", "Started"]);
    }
}
