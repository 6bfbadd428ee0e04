using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using FluentAssertions;
using k8s.Models;
using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Storage;
using ZeroDowntime.LocalCluster.Tests.Support;
using Xunit;

namespace ZeroDowntime.LocalCluster.Tests.Kubelet;

public sealed class TerminationTests
{
    [Fact]
    public async Task Termination_marks_the_pod_unready_then_runs_preStop_then_sends_SIGTERM_then_removes_it()
    {
        await using var cluster = await ProcessCluster.StartAsync();
        var marker = Path.Combine(Path.GetTempPath(), $"zd-term-{Guid.NewGuid():N}");
        using var hook = new TcpListener(IPAddress.Loopback, 0);
        hook.Start();
        var hookPort = ((IPEndPoint)hook.LocalEndpoint).Port;
        cluster.Apply($$"""
            apiVersion: v1
            kind: Pod
            metadata: { name: ordered, namespace: default }
            spec:
              nodeName: zd-node-1
              terminationGracePeriodSeconds: 10
              containers:
                - name: main
                  image: busybox
                  command: ["sh", "-c", "trap 'echo term >> {{marker}}; exit 0' TERM; echo started; while true; do sleep 0.1; done"]
                  lifecycle:
                    preStop:
                      httpGet: { host: 127.0.0.1, port: {{hookPort}}, path: /prestop }
            """);
        await cluster.WaitForReadyAsync("ordered");
        await cluster.WaitForLogAsync("ordered", "main", "started");

        // When the preStop hook calls us, record what the API and the process show at that moment.
        var seenByHook = Task.Run(async () =>
        {
            using var client = await hook.AcceptTcpClientAsync();
            var ready = cluster.Api.Pods.Get("default", "ordered").Condition("Ready")!.GetString("status");
            var termSent = File.Exists(marker);
            var stream = client.GetStream();
            _ = await stream.ReadAtLeastAsync(new byte[4096], 1, throwOnEndOfStream: false);
            await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
            return (ready, termSent);
        });
        var deleted = cluster.Api.Pods.Delete("default", "ordered");
        deleted.Removed.Should().BeFalse("graceful deletion keeps the pod until the kubelet is done");

        await cluster.WaitForGoneAsync("ordered");

        var (readyDuringPreStop, termBeforePreStop) = await seenByHook.WaitAsync(Timeouts.StatusChange);
        readyDuringPreStop.Should().Be("False", "Ready=false comes before the preStop hook");
        termBeforePreStop.Should().BeFalse("SIGTERM comes after the preStop hook");
        File.ReadAllText(marker).Should().Be("term\n", "SIGTERM reached the process after preStop");
        cluster.EventsOf("ordered").Should().Contain(e => e.GetString("reason") == "Killing" && e.GetString("message") == "Stopping container main");
        File.Delete(marker);
    }

    [Fact]
    public async Task A_process_that_ignores_SIGTERM_is_killed_at_the_grace_deadline_with_its_children()
    {
        await using var cluster = await ProcessCluster.StartAsync();
        cluster.Apply("""
            apiVersion: v1
            kind: Pod
            metadata: { name: stubborn, namespace: default }
            spec:
              nodeName: zd-node-1
              terminationGracePeriodSeconds: 2
              containers:
                - name: main
                  image: busybox
                  command: ["sh", "-c", "trap '' TERM; echo started; sleep 100"]
            """);
        await cluster.WaitForLogAsync("stubborn", "main", "started");
        var group = cluster.Kubelet.ProcessGroups().Should().ContainSingle().Subject;
        ProcessProbe.GroupAlive(group).Should().BeTrue();
        var clock = Stopwatch.StartNew();

        cluster.Api.Pods.Delete("default", "stubborn");
        await cluster.WaitForGoneAsync("stubborn");

        clock.Elapsed.Should().BeGreaterThan(TimeSpan.FromSeconds(1.8), "SIGTERM is ignored, so only SIGKILL at the deadline ends it")
            .And.BeLessThan(TimeSpan.FromSeconds(8));
        (await ProcessProbe.GroupGoneAsync(group, Timeouts.KilledGroupGone)).Should().BeTrue("SIGKILL goes to the whole process group (sh and sleep)");
    }

    [Fact]
    public async Task The_preStop_hook_spends_the_grace_period_and_SIGKILL_follows_the_kubelets_minimum_grace()
    {
        await using var cluster = await ProcessCluster.StartAsync();
        cluster.Apply("""
            apiVersion: v1
            kind: Pod
            metadata: { name: slow-hook, namespace: default }
            spec:
              nodeName: zd-node-1
              terminationGracePeriodSeconds: 2
              containers:
                - name: main
                  image: busybox
                  command: ["sh", "-c", "trap '' TERM; echo started; sleep 100"]
                  lifecycle:
                    preStop:
                      exec: { command: ["sleep", "30"] }
            """);
        await cluster.WaitForLogAsync("slow-hook", "main", "started");
        var clock = Stopwatch.StartNew();

        cluster.Api.Pods.Delete("default", "slow-hook");
        await cluster.WaitForGoneAsync("slow-hook");

        // The hook is cut at the 2 s deadline, then the kubelet's 2 s minimum grace runs: about 4 s, far from 30 s.
        clock.Elapsed.Should().BeGreaterThan(TimeSpan.FromSeconds(3.5)).And.BeLessThan(TimeSpan.FromSeconds(10));
        cluster.EventsOf("slow-hook").Should().Contain(e => e.GetString("reason") == "FailedPreStopHook");
    }

    [Fact]
    public async Task A_shorter_grace_period_on_a_second_delete_moves_the_deadline_earlier()
    {
        await using var cluster = await ProcessCluster.StartAsync();
        cluster.Apply("""
            apiVersion: v1
            kind: Pod
            metadata: { name: rushed, namespace: default }
            spec:
              nodeName: zd-node-1
              terminationGracePeriodSeconds: 60
              containers:
                - name: main
                  image: busybox
                  command: ["sh", "-c", "trap '' TERM; echo started; sleep 100"]
            """);
        await cluster.WaitForLogAsync("rushed", "main", "started");
        var clock = Stopwatch.StartNew();

        cluster.Api.Pods.Delete("default", "rushed");
        cluster.Api.Pods.Delete("default", "rushed", new V1DeleteOptions { GracePeriodSeconds = 1 });
        await cluster.WaitForGoneAsync("rushed");

        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Deleting_a_node_kills_the_processes_of_its_pods()
    {
        await using var cluster = await ProcessCluster.StartAsync();
        cluster.Apply("""
            apiVersion: v1
            kind: Pod
            metadata: { name: on-doomed-node, namespace: default }
            spec:
              nodeName: zd-node-3
              terminationGracePeriodSeconds: 30
              containers: [{ name: main, image: busybox, command: ["sh", "-c", "echo started; sleep 100"] }]
            """);
        await cluster.WaitForLogAsync("on-doomed-node", "main", "started");
        var group = cluster.Kubelet.ProcessGroups().Single();

        cluster.Api.Nodes.Delete(null, "zd-node-3");
        await cluster.WaitForGoneAsync("on-doomed-node");

        (await ProcessProbe.GroupGoneAsync(group, Timeouts.KilledGroupGone)).Should().BeTrue("the node's pods' processes are killed");
    }

    [Fact]
    public async Task Stopping_the_cluster_stops_every_pod_process()
    {
        var cluster = await ProcessCluster.StartAsync();
        List<int> groups;
        try
        {
            for (var i = 0; i < 2; i++)
            {
                cluster.Apply($$"""
                    apiVersion: v1
                    kind: Pod
                    metadata: { name: p{{i}}, namespace: default }
                    spec:
                      nodeName: zd-node-{{i + 1}}
                      containers: [{ name: main, image: busybox, command: ["sh", "-c", "trap '' TERM; echo started; sleep 100"] }]
                    """);
                await cluster.WaitForLogAsync($"p{i}", "main", "started");
            }

            groups = cluster.Kubelet.ProcessGroups().ToList();
            groups.Should().HaveCount(2);
        }
        finally
        {
            await cluster.DisposeAsync();
        }

        foreach (var g in groups)
        {
            (await ProcessProbe.GroupGoneAsync(g, Timeouts.KilledGroupGone)).Should().BeTrue("process group {0} is killed", g);
        }
    }
}
