using System.Diagnostics;
using FluentAssertions;
using k8s;
using Xunit;
using Xunit.Abstractions;
using ZeroDowntime.Fixtures.Cluster;
using ZeroDowntime.Kubernetes;

namespace ZeroDowntime.Scenarios.Tests;

/// <summary>
/// A run killed with SIGKILL while a node is cordoned, or while a partition is in force, leaves evidence; the next run
/// repairs it and says so. The killed run's raw timelines, flushed as it ran, rebuild a report up to the kill.
/// </summary>
[Collection(SelfTestCollection.Name)]
public sealed class CrashSafetyTests(UpCluster up, ITestOutputHelper output) : IClassFixture<UpCluster>
{
    /// <summary>Named deadline for the child run to reach its cordon or its partition (fixture start, baseline, node choice).</summary>
    private static readonly TimeSpan CordonDeadline = TimeSpan.FromMinutes(3);

    /// <summary>
    /// How far before the kill the last rebuilt attempt may lie: the flush interval (1 s), an attempt's latency and a
    /// loaded 2-core machine's scheduling, with margin. A run that flushed only at its end would have no attempt at all.
    /// </summary>
    private static readonly TimeSpan FlushedBeforeKill = TimeSpan.FromSeconds(5);

    private readonly string _results = Path.Combine(AppContext.BaseDirectory, "TestResults", "crash-safety", Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task The_next_run_uncordons_a_node_left_cordoned_by_a_killed_run_and_the_killed_runs_report_rebuilds_up_to_the_kill()
    {
        using var session = ClusterSession.OpenKubeconfig(KubeconfigSettings.Load(up, allowDisruption: true, _results));
        using var child = StartRun("NodeDrain");
        var (node, runId) = await WaitForCordonAsync(session.Client, child);
        output.WriteLine($"Node {node} cordoned by run {runId}; killing the test process tree with SIGKILL");
        var killedAt = DateTimeOffset.UtcNow;
        child.Kill(entireProcessTree: true);
        await child.WaitForExitAsync();
        (await session.Client.CoreV1.ReadNodeAsync(node)).Spec?.Unschedulable.Should().BeTrue("the killed run could not clean up");
        await KilledRunReport.VerifyAsync(_results, runId, killedAt, FlushedBeforeKill, output);

        var next = ClusterFixture.WithOptions(new Fixtures.Cluster.ClusterFixtureOptions
        {
            Settings = KubeconfigSettings.Load(up, allowDisruption: true, _results),
            WriteReports = false,
            Log = line => output.WriteLine($"{DateTime.Now:HH:mm:ss.fff} [next run] {line}"),
        });
        try
        {
            await next.InitializeAsync();

            next.Repairs.Should().Contain($"Uncordoned node {node}, left cordoned by the earlier run {runId}.");
            next.Report.Repairs.Should().Contain($"Uncordoned node {node}, left cordoned by the earlier run {runId}.");
            var repaired = await session.Client.CoreV1.ReadNodeAsync(node);
            repaired.Spec?.Unschedulable.Should().NotBe(true);
            repaired.Metadata.Annotations?.ContainsKey(SuiteLabels.CordonedBy).Should().NotBe(true);
        }
        finally
        {
            await next.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_next_run_removes_a_partition_NetworkPolicy_left_in_force_by_a_killed_run_and_says_so()
    {
        using var session = ClusterSession.OpenKubeconfig(KubeconfigSettings.Load(up, allowDisruption: true, _results));
        using var child = StartRun("NetworkPartition");
        var (policy, runId) = await WaitForPartitionAsync(session.Client, session.Namespace, child);
        output.WriteLine($"NetworkPolicy {policy} created by run {runId}; killing the test process tree with SIGKILL");
        child.Kill(entireProcessTree: true);
        await child.WaitForExitAsync();
        (await session.Client.NetworkingV1.ReadNamespacedNetworkPolicyAsync(policy, session.Namespace)).Should().NotBeNull("the killed run could not clean up");

        var next = ClusterFixture.WithOptions(new Fixtures.Cluster.ClusterFixtureOptions
        {
            Settings = KubeconfigSettings.Load(up, allowDisruption: true, _results),
            WriteReports = false,
            Log = line => output.WriteLine($"{DateTime.Now:HH:mm:ss.fff} [next run] {line}"),
        });
        try
        {
            await next.InitializeAsync();

            next.Repairs.Should().Contain($"Deleted NetworkPolicy {policy}, left by the earlier run {runId}.");
            next.Report.Repairs.Should().Contain($"Deleted NetworkPolicy {policy}, left by the earlier run {runId}.");
            (await session.Client.ListAllAsync(KubeResources.NetworkPolicies, session.Namespace)).Items.Should().BeEmpty("the partition is lifted");
        }
        finally
        {
            await next.DisposeAsync();
        }
    }

    private async Task<(string Policy, string RunId)> WaitForPartitionAsync(IKubernetes client, string ns, Process child)
    {
        using var deadline = new CancellationTokenSource(CordonDeadline);
        try
        {
            await foreach (var e in client.ListAndWatchAsync(KubeResources.NetworkPolicies, ns, ct: deadline.Token))
            {
                if (e.Type != k8s.WatchEventType.Deleted && e.Object.Metadata.Labels?.TryGetValue(SuiteLabels.Run, out var run) == true)
                {
                    return (e.Object.Metadata.Name, run);
                }

                if (child.HasExited)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Reported below.
        }

        child.Kill(entireProcessTree: true);
        throw new TimeoutException($"The child NetworkPartition run created no NetworkPolicy within {CordonDeadline.TotalSeconds:0} s (exited: {child.HasExited}).");
    }

    private Process StartRun(string scenario)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { "test", Path.Combine(AppContext.BaseDirectory, "ZeroDowntime.Tests.dll"), "--filter", $"Scenario={scenario}" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("ZD_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in KubeconfigSettings.Environment(up, allowDisruption: true, _results))
        {
            start.Environment[name] = value;
        }

        var child = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet test.");
        child.OutputDataReceived += (_, e) => Echo(e.Data);
        child.ErrorDataReceived += (_, e) => Echo(e.Data);
        child.BeginOutputReadLine();
        child.BeginErrorReadLine();
        return child;
    }

    private async Task<(string Node, string RunId)> WaitForCordonAsync(IKubernetes client, Process child)
    {
        using var deadline = new CancellationTokenSource(CordonDeadline);
        try
        {
            await foreach (var e in client.ListAndWatchAsync(KubeResources.Nodes, ct: deadline.Token))
            {
                if (e.Object.Metadata.Annotations?.TryGetValue(SuiteLabels.CordonedBy, out var run) == true && e.Object.Spec?.Unschedulable == true)
                {
                    return (e.Object.Metadata.Name, run);
                }

                if (child.HasExited)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Reported below.
        }

        child.Kill(entireProcessTree: true);
        throw new TimeoutException($"The child NodeDrain run cordoned no node within {CordonDeadline.TotalSeconds:0} s (exited: {child.HasExited}).");
    }

    private void Echo(string? line)
    {
        if (line is null)
        {
            return;
        }

        try
        {
            output.WriteLine($"[child] {line}");
        }
        catch (InvalidOperationException)
        {
            // The test finished; the child's last lines are not needed.
        }
    }
}
