using FluentAssertions;
using Xunit;
using ZeroDowntime.MockVllm.Tests.Infrastructure;
using static ZeroDowntime.MockVllm.Tests.MembershipTests;

namespace ZeroDowntime.MockVllm.Tests;

/// <summary>The head keeps membership in the primary its Sentinels name, follows a failover, and falls back to --redis without them.</summary>
public sealed class RedisSentinelPersistenceTests
{
    private const string Key = "zd-mockvllm:default:nodes";

    [RedisServerFact]
    public async Task Membership_follows_the_primary_through_a_Sentinel_failover()
    {
        await using var primary = await RedisTestServer.StartAsync(RedisFlavour.RedisServer);
        await using var replica = await RedisTestServer.StartAsync(RedisFlavour.RedisServer, null, "--replicaof", "127.0.0.1", primary.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await using var sentinel = await SentinelTestServer.StartAsync(primary);
        await using var head = await InProcessNode.StartAsync("--role", "head", "--node-name", "head", "--node-dead-timeout", "30s", "--redis-sentinel", sentinel.Address);
        await using var first = await StartWorkerAsync(head, "worker-1");
        await Eventually.MatchesAsync(() => primary.GetAsync(Key), json => json?.Contains("worker-1") == true, Timeouts.Membership, $"the primary {primary} holds worker-1");
        await head.Log.WaitForLineAsync($"sentinel {sentinel.Address} names {primary.Address} the redis primary mymaster", Timeouts.LogLine);

        await primary.StopAsync();
        await Eventually.MatchesAsync(sentinel.PrimaryAsync, p => p == replica.Address, Timeouts.Membership, $"the sentinel promotes {replica}");
        await using var second = await StartWorkerAsync(head, "worker-2");

        await Eventually.MatchesAsync(() => replica.GetAsync(Key), json => json?.Contains("worker-2") == true, Timeouts.Membership,
            $"the promoted {replica} holds a membership written after the failover");
        await head.Log.WaitForLineAsync($"sentinel {sentinel.Address} names {replica.Address} the redis primary mymaster", Timeouts.LogLine);
    }

    [Fact]
    public async Task Without_an_answering_Sentinel_membership_goes_to_the_plain_addresses()
    {
        await using var redis = await RedisTestServer.StartAsync(RedisFlavour.Garnet);
        await using var head = await InProcessNode.StartAsync("--role", "head", "--node-name", "head", "--redis-sentinel", "127.0.0.1:1", "--redis", redis.Address);
        await using var worker = await StartWorkerAsync(head, "worker-1");

        var stored = await Eventually.MatchesAsync(() => redis.GetAsync(Key), json => json?.Contains("worker-1") == true, Timeouts.Membership, $"{redis} holds worker-1");

        stored.Should().Contain("\"head\"");
        await head.Log.WaitForLineAsync(
            $"no sentinel names the redis primary mymaster (sentinel 127.0.0.1:1: Connection refused); writing to redis {redis.Address} instead", Timeouts.LogLine);
    }
}
