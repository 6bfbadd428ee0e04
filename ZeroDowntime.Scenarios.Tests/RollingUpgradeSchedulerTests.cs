using System.Diagnostics;
using FluentAssertions;
using k8s;
using k8s.Models;
using Xunit;
using Xunit.Abstractions;
using ZeroDowntime.Fixtures.Cluster;
using ZeroDowntime.Fixtures.Configuration;
using ZeroDowntime.Fixtures.Connections;
using ZeroDowntime.Fixtures.Reporting;
using ZeroDowntime.Fixtures.Upgrades;
using ZeroDowntime.LocalCluster.Networking;
using ZeroDowntime.MockVllm.Connections;

namespace ZeroDowntime.Scenarios.Tests;

/// <summary>
/// The reference upgrade test's table, reproduced on the embedded cluster with <c>manifests/upgrade-target</c>
/// (8 replicas, maxSurge 1, maxUnavailable 0, preStop sleep 2) and 80 connections at 5/s: with <c>lc</c>
/// every connection open on an old pod is lost exactly once, because a reconnect always finds a new pod
/// with fewer connections than any old pod (10); with <c>rr</c> reconnects also land on old pods that go
/// later, and are lost again. The counts come from the per-connection records.
/// </summary>
[Collection(SelfTestCollection.Name)]
public sealed class RollingUpgradeSchedulerTests(ITestOutputHelper output)
{
    private const string Namespace = "default";
    private const string Deployment = "mserver";
    private const int Replicas = 8;
    private const int Connections = 80;
    private static readonly TimeSpan ReadyDeadline = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan RolloutDeadline = TimeSpan.FromSeconds(75);
    private static readonly TimeSpan Baseline = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Least_connections_loses_exactly_the_connections_open_on_old_pods_and_round_robin_loses_more()
    {
        var clock = Stopwatch.StartNew();
        await using var cluster = await EmbeddedCluster.StartAsync(ManifestLocator.Find(Path.Combine("manifests", "upgrade-target")), 3, Log);
        using var session = ClusterSession.Open(cluster.Connection, ZeroDowntimeSettings.Load(new Dictionary<string, string?>()));
        await cluster.WaitUntilReadyAsync(ReadyDeadline);
        Log($"{Replicas} mserver pods Ready after {clock.Elapsed.TotalSeconds:0.0} s");

        var rr = await UpgradeThroughAsync(session.Client, ConnectionSchedulers.RoundRobin, "zerodowntime/mock-vllm:2");
        var lc = await UpgradeThroughAsync(session.Client, ConnectionSchedulers.LeastConnections, "zerodowntime/mock-vllm:3");
        Log($"Both upgrades took {clock.Elapsed.TotalSeconds:0.0} s, cluster start included");

        foreach (var report in new[] { rr, lc })
        {
            var a = report.Analysis!;
            a.OpenOnOldPods.Should().Be(Connections, "every connection was open on one of the {0} old pods when the image changed ({1})", Replicas, report.Scheduler);
            a.Lasting.Should().HaveCount(Connections).And.OnlyContain(r => !report.OldPods.Contains(r.Pod!), "every connection ends up on a new pod ({0})", report.Scheduler);
            a.NotReconnected.Should().BeEmpty("every lost connection reconnects at once ({0})", report.Scheduler);
            a.FailedWhileNotLost.Should().BeEmpty("no request fails on a connection that is not lost ({0})", report.Scheduler);
            a.Lost.Should().OnlyContain(r => report.OldPods.Contains(r.Pod!), "only old pods go away ({0})", report.Scheduler);
            a.Lost.Should().HaveCount(Connections + a.LostAgain.Count, "each connection open at the change is lost once, plus each reconnect that landed on an old pod ({0})", report.Scheduler);
        }

        var least = lc.Analysis!;
        least.Lost.Should().HaveCount(Connections, "lc sends every reconnect to a new pod: the perfect score");
        least.LostAgain.Should().BeEmpty();
        least.LostPerPod.Should().HaveCount(Replicas).And.OnlyContain(p => p.Value == Connections / Replicas, "each old pod had exactly 10 when the image changed");

        var roundRobin = rr.Analysis!;
        roundRobin.LostAgain.Should().NotBeEmpty("rr sends reconnects round the ring, old pods included");
        roundRobin.Lost.Count.Should().BeGreaterThan(least.Lost.Count, "rr loses more than lc");
    }

    private async Task<ConnectionReport> UpgradeThroughAsync(IKubernetes client, string scheduler, string image)
    {
        // A Service per scheduler, created once the pods are Ready: its new proxies start with all 8 backends and the scheduler set.
        var service = $"{Deployment}-{scheduler}";
        await client.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = service, Annotations = new Dictionary<string, string> { [ConnectionSchedulers.Annotation] = scheduler } },
            Spec = new V1ServiceSpec
            {
                Type = "LoadBalancer",
                Selector = new Dictionary<string, string> { ["app"] = Deployment },
                Ports = [new V1ServicePort { Name = "ctraffic", Port = 5003, TargetPort = "ctraffic" }],
            },
        }, Namespace);
        var address = await LoadBalancerAddress.ResolveServiceAsync(client, Namespace, service, 5003, "the test's Service", ReadyDeadline);
        // Wide deadlines: a stall of this shared 2-core machine must not end a connection. What is under test is where reconnects go.
        var traffic = new BuiltInConnectionTraffic(new ConnectionTrafficOptions
        {
            Host = address.Host, Port = address.Port, Connections = Connections, RatePerConnection = 5,
            ConnectTimeout = TimeSpan.FromSeconds(5), ReadDeadline = TimeSpan.FromSeconds(5),
        });
        await using var upgrade = await UpgradeRun.StartAsync(client, Namespace, new UpgradeRunOptions
        {
            Deployment = Deployment,
            Image = image,
            Service = service,
            EmbeddedCluster = true,
            RolloutDeadline = RolloutDeadline,
            Settle = TimeSpan.FromSeconds(1),
            Narrate = Log,
        }, traffic, Connections, 5);

        // The reference test waits before and after the upgrade; here 1 s each, the records show the rest.
        await Task.Delay(Baseline);
        await upgrade.ChangeImageAsync();
        var rollout = await upgrade.WatchRolloutAsync();
        await upgrade.SettleAsync();
        var report = await upgrade.StopAsync();
        output.WriteLine($"--- {report.Scheduler} ---{Environment.NewLine}{ConnectionSummary.Of(report.Records).ToText()}");
        rollout.CompletedAt.Should().NotBeNull($"the rollout completes within {RolloutDeadline.TotalSeconds:0} s; last status: {rollout.LastStatus}");
        report.OldPodsGoneAt.Should().NotBeNull("every old pod is gone before the traffic is judged");
        return report;
    }

    private void Log(string line) => output.WriteLine($"{DateTime.Now:HH:mm:ss.fff} {line}");
}
