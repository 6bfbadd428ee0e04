using FluentAssertions;
using Xunit;
using Xunit.Abstractions;
using ZeroDowntime.Fixtures.Cluster;
using ZeroDowntime.Tests;

namespace ZeroDowntime.Scenarios.Tests;

/// <summary>
/// The chaos scenarios' negative controls: a target that cannot survive losing pods must fail RandomPodKill,
/// and a partition that cuts nothing (no dependency across it, or a network that ignores NetworkPolicy)
/// must be reported as having no effect, never passed.
/// </summary>
[Collection(SelfTestCollection.Name)]
public sealed class ChaosNegativeControlTests(ITestOutputHelper output)
{
    private const string NoEffect = "The partition had no effect: is NetworkPolicy enforced? ";

    [Fact]
    public async Task Killing_pods_of_a_single_replica_worker_fails_the_minimum_ready_check()
    {
        var outcomes = await NegativeControlRun.RunAsync<RandomPodKillState>("single-worker", output,
            (cluster, context) => new RandomPodKill(cluster, context, output),
            ("ZD_TARGET__WORKERS__EXPECTED_COUNT", "1"), ("ZD_TARGET__WORKERS__MIN_READY_DURING_DISRUPTION", "1"),
            ("ZD_TARGET__WORKERS__PDB_MIN_AVAILABLE", "none"), ("ZD_CHAOS_SEED", "7"), ("ZD_TIMING__POST_VALIDATION__REQUESTS", "1"));

        var failed = outcomes.Should().ContainSingle(o => !o.Passed).Subject;
        failed.Method.Should().Be(nameof(RandomPodKill.Kill_random_pods_and_monitor_recovery));
        failed.Error!.Message.Should().StartWith("Expected at least 1 worker pod Ready throughout, but the minimum was 0, from ");
    }

    [Fact]
    public async Task A_partition_between_a_head_that_does_not_use_Redis_and_Redis_is_reported_as_no_effect()
    {
        var outcomes = await NegativeControlRun.RunAsync<NetworkPartitionState>("no-redis-dependency", output,
            (cluster, context) => new NetworkPartition(cluster, context, output),
            ("ZD_TIMING__NETWORK_PARTITION__TARGET", "head-from-redis"), ("ZD_TIMING__NETWORK_PARTITION__DURATION", "6s"),
            ("ZD_TIMING__POST_VALIDATION__REQUESTS", "1"));

        var failed = outcomes.Should().ContainSingle(o => !o.Passed).Subject;
        failed.Method.Should().Be(nameof(NetworkPartition.Prove_the_partition_took_effect));
        failed.Error!.Message.Should().StartWith(NoEffect + @"Expected the head pod's log to match 'redis \S+ unreachable' after the partition began within 6 s of the policy, but no effect within 6 s; last look: ray-head-")
            .And.EndWith("none about losing or regaining Redis.");
    }

    [Fact]
    public async Task A_partition_on_a_network_that_ignores_NetworkPolicy_is_reported_as_no_effect()
    {
        var outcomes = await NegativeControlRun.RunAsync<NetworkPartitionState>("policy-not-enforced",
            Path.Combine("manifests", ManifestLocator.SampleTarget), options => options.Networking.EnforceNetworkPolicies = false, output,
            (cluster, context) => new NetworkPartition(cluster, context, output),
            ("ZD_TIMING__NETWORK_PARTITION__DURATION", "8s"), ("ZD_TIMING__POST_VALIDATION__REQUESTS", "1"));

        var failed = outcomes.Should().ContainSingle(o => !o.Passed).Subject;
        failed.Method.Should().Be(nameof(NetworkPartition.Prove_the_partition_took_effect));
        failed.Error!.Message.Should().StartWith(NoEffect + "Expected the head to list every isolated worker pod (ray-worker-")
            .And.Contain("as not ALIVE within 8 s of the policy, but no effect within 8 s; last look: head ray-head-")
            .And.EndWith(" ALIVE.");
    }
}
