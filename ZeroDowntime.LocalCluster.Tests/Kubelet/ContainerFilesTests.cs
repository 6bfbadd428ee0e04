using FluentAssertions;
using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Controllers;
using ZeroDowntime.LocalCluster.Kubelet;
using ZeroDowntime.LocalCluster.Tests.Support;
using Xunit;

namespace ZeroDowntime.LocalCluster.Tests.Kubelet;

/// <summary>What the kubelet gives a container beyond its process: a private writable working directory, the image's redis-server, requirements.</summary>
public sealed class ContainerFilesTests
{
    private const string TwoContainers = """
        apiVersion: v1
        kind: Pod
        metadata: { name: writer, namespace: default }
        spec:
          nodeName: zd-node-1
          terminationGracePeriodSeconds: 1
          containers:
            - { name: a, image: busybox, command: ["sh", "-c", "echo a > mine; echo \"dir=$(pwd) files=$(ls)\"; sleep 60"] }
            - { name: b, image: busybox, command: ["sh", "-c", "echo b > mine; echo \"dir=$(pwd) files=$(ls)\"; sleep 60"] }
        """;

    [Fact]
    public async Task Each_container_writes_in_its_own_working_directory_which_goes_with_the_pod()
    {
        await using var cluster = await ProcessCluster.StartAsync();
        cluster.Apply(TwoContainers);

        var a = await cluster.WaitForLogAsync("writer", "a", "dir=");
        var b = await cluster.WaitForLogAsync("writer", "b", "dir=");
        var dirA = a.Split("dir=")[1].Split(' ')[0];
        var dirB = b.Split("dir=")[1].Split(' ')[0];
        var contents = await File.ReadAllTextAsync(Path.Combine(dirA, "mine"));
        cluster.Api.Pods.Delete("default", "writer");
        await cluster.WaitForGoneAsync("writer");

        a.Should().Contain("files=mine", "the directory starts empty and is writable");
        dirA.Should().NotBe(dirB).And.StartWith(Path.GetTempPath()).And.Contain(cluster.Kubelet.InstanceId);
        contents.Should().Be("a\n");
        Directory.Exists(dirA).Should().BeFalse("a deleted pod's files are removed");
    }

    [Fact]
    public async Task A_pod_that_requires_redis_server_is_refused_with_the_reason_where_redis_images_run_Garnet_and_readiness_does_not_wait_for_it()
    {
        await using var cluster = await ProcessCluster.StartAsync(k => k.Redis = LocalRedis.Garnet, controllers: true);
        cluster.Apply("""
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: { name: sentinel, namespace: default }
            spec:
              replicas: 1
              serviceName: sentinel
              selector: { matchLabels: { app: sentinel } }
              template:
                metadata:
                  labels: { app: sentinel }
                  annotations: { zerodowntime.io/requires: redis-server }
                spec:
                  containers: [{ name: sentinel, image: "redis:7.2", command: ["sh", "-c", "echo started; sleep 60"] }]
            """);

        var failed = await cluster.WaitForEventAsync("sentinel-0", "Failed", Timeouts.StatusChange);
        await cluster.Host.WaitUntilReadyAsync(Timeouts.StatusChange);

        failed.GetString("message").Should().Be("this pod needs redis-server (zerodowntime.io/requires), but the kubelet is set to garnet (ZD_LOCAL_REDIS); " +
            "the Garnet stand-in that runs redis images here has no Sentinel and does not replicate");
        var status = cluster.Api.Pods.Get("default", "sentinel-0").GetNode("status", "containerStatuses")!.AsArray()[0]!.AsObject();
        status.GetString("state", "waiting", "reason").Should().Be("CreateContainerError");
        cluster.Kubelet.FindLog(cluster.Api.Pods.Get("default", "sentinel-0").Uid(), "sentinel").Should().BeNull("no process was started");
        new WorkloadsReadyRule().IsReady(cluster.Api, out var waiting).Should().BeTrue($"a refused pod is not waited for, but it waits for: {waiting}");
    }

    [Fact]
    public async Task A_requirement_the_kubelet_does_not_know_is_refused_too()
    {
        await using var cluster = await ProcessCluster.StartAsync();
        cluster.Apply("""
            apiVersion: v1
            kind: Pod
            metadata: { name: gpu, namespace: default, annotations: { zerodowntime.io/requires: nvidia-smi } }
            spec:
              nodeName: zd-node-1
              containers: [{ name: main, image: busybox, command: ["sh", "-c", "sleep 60"] }]
            """);

        var failed = await cluster.WaitForEventAsync("gpu", "Failed", Timeouts.StatusChange);

        failed.GetString("message").Should().Be("this pod requires 'nvidia-smi' (zerodowntime.io/requires), which the local cluster does not know; the only value it understands is redis-server");
    }

    [Fact]
    public async Task A_redis_container_with_its_own_command_finds_the_Garnet_stand_in_as_redis_server()
    {
        await using var cluster = await ProcessCluster.StartAsync(k => k.Redis = LocalRedis.Garnet);
        cluster.Apply("""
            apiVersion: v1
            kind: Pod
            metadata: { name: redis-0, namespace: default }
            spec:
              nodeName: zd-node-1
              terminationGracePeriodSeconds: 1
              containers:
                - name: redis
                  image: redis:7.2
                  command: ["sh", "-c", "echo \"version: $(redis-server --version)\"; echo \"redis-server is $(command -v redis-server)\"; exec redis-server --bind \"$POD_IP\" --port 6379"]
                  env: [{ name: POD_IP, valueFrom: { fieldRef: { fieldPath: status.podIP } } }]
            """);

        var which = await cluster.WaitForLogAsync("redis-0", "redis", "redis-server is ");
        var serving = await cluster.WaitForLogAsync("redis-0", "redis", "standing in for redis-server, listening on");
        var started = await cluster.WaitForEventAsync("redis-0", "Started", Timeouts.StatusChange);

        which.Should().MatchRegex(@"version: Garnet \d+\.\d+\.\d+ standing in for redis-server \(the local cluster's redis-server for redis images\)\n",
            "--version answers at once, and says it is not Redis");
        which.Should().Contain($"redis-server is {Path.Combine(Path.GetTempPath(), $"zd-kubelet-{cluster.Kubelet.InstanceId}", "bin", "redis-server")}");
        serving.Should().MatchRegex(@"Garnet \d+\.\d+\.\d+ standing in for redis-server, listening on 127\.10\.");
        started.GetString("message").Should().MatchRegex(@"^Started container redis \(redis:7\.2 runs sh; redis-server on its PATH is Garnet \d+\.\d+\.\d+: the kubelet is set to garnet\)$");
    }
}
