using System.Net;
using System.Text.Json;
using FluentAssertions;
using Xunit;
using Xunit.Abstractions;
using ZeroDowntime.MockVllm.Tests.Infrastructure;
using static ZeroDowntime.MockVllm.Tests.MembershipTests;

namespace ZeroDowntime.MockVllm.Tests;

/// <summary>
/// The head's membership persistence against real RESP servers: redis-server (when installed) and the Garnet
/// stand-in the local cluster runs otherwise. Each behaviour is one body and one test per server.
/// </summary>
public sealed class RedisPersistenceTests(ITestOutputHelper output)
{
    private const string Key = "zd-mockvllm:default:nodes";

    [RedisServerFact]
    public Task A_new_head_knows_the_nodes_from_redis_server_at_start() => NewHeadStartsWithTheKnownNodesAsync(RedisFlavour.RedisServer);

    [Fact]
    public Task A_new_head_knows_the_nodes_from_Garnet_at_start() => NewHeadStartsWithTheKnownNodesAsync(RedisFlavour.Garnet);

    [RedisServerFact]
    public Task Membership_is_written_to_every_reachable_redis_server_and_the_newest_snapshot_is_read() => NewestSnapshotWinsAsync(RedisFlavour.RedisServer);

    [Fact]
    public Task Membership_is_written_to_every_reachable_Garnet_and_the_newest_snapshot_is_read() => NewestSnapshotWinsAsync(RedisFlavour.Garnet);

    [RedisServerFact]
    public Task The_head_reconnects_to_a_replaced_redis_server_and_fills_it_again() => ReconnectsAfterReplacementAsync(RedisFlavour.RedisServer);

    [Fact]
    public Task The_head_reconnects_to_a_replaced_Garnet_and_fills_it_again() => ReconnectsAfterReplacementAsync(RedisFlavour.Garnet);

    [RedisServerFact]
    public Task A_wrong_redis_server_password_degrades_persistence_with_the_reason() => WrongPasswordAsync(RedisFlavour.RedisServer);

    [Fact]
    public Task A_wrong_Garnet_password_degrades_persistence_with_the_reason() => WrongPasswordAsync(RedisFlavour.Garnet);

    [Fact]
    public async Task Redis_being_down_or_silent_breaks_neither_the_head_API_nor_inference()
    {
        await using var silent = new SilentServer();
        var started = DateTime.UtcNow;
        await using var head = await InProcessNode.StartAsync("--role", "head", "--node-name", "head", "--token-latency-ms", "0", "--redis", $"127.0.0.1:1,{silent.Address}");
        var startup = DateTime.UtcNow - started;

        var nodes = await head.GetNodesAsync();
        using var inference = await head.InferAsync();

        RayNodes.StateOf(nodes, "head").Should().Be("ALIVE");
        inference.StatusCode.Should().Be(HttpStatusCode.OK);
        startup.Should().BeLessThan(TimeSpan.FromSeconds(10), "an unreachable Redis costs at most the connect timeout at start");
        await head.Log.WaitForLineAsync("redis 127.0.0.1:1 unreachable (Connection refused); membership persistence degraded", Timeouts.LogLine);
        await head.Log.WaitForLineAsync($"redis {silent.Address} unreachable (not connected); membership persistence degraded", Timeouts.LogLine);
    }

    private static async Task NewHeadStartsWithTheKnownNodesAsync(RedisFlavour flavour)
    {
        await using var redis = await RedisTestServer.StartAsync(flavour);
        string[] head = ["--role", "head", "--redis", redis.Address, "--node-dead-timeout", "2s"];
        var first = await InProcessNode.StartAsync([.. head, "--node-name", "head-a"]);
        var worker = await StartWorkerAsync(first, "worker-1");
        await WaitForStatesAsync(first, ("worker-1", "ALIVE"));
        await first.Log.WaitForLineAsync($"redis {redis.Address} reachable", Timeouts.LogLine);
        await Eventually.MatchesAsync(() => redis.GetAsync(Key), json => json?.Contains("worker-1") == true, Timeouts.Membership, $"{redis} holds worker-1");
        await worker.DisposeAsync(); // the worker is gone for good: the new head must learn that from the timeout
        await first.DisposeAsync();

        await using var second = await InProcessNode.StartAsync([.. head, "--node-name", "head-b"]);
        var atStart = await second.GetNodesAsync();

        RayNodes.StateOf(atStart, "worker-1").Should().Be("ALIVE", "the new head starts with the membership kept in Redis");
        await second.Log.WaitForLineAsync("restored 2 node(s) from redis", Timeouts.LogLine);
        await WaitForStatesAsync(second, ("worker-1", "DEAD"), ("head-a", "DEAD"), ("head-b", "ALIVE"));
    }

    private static async Task NewestSnapshotWinsAsync(RedisFlavour flavour)
    {
        await using var first = await RedisTestServer.StartAsync(flavour, password: "s3cret");
        await using var second = await RedisTestServer.StartAsync(flavour, password: "s3cret");
        var down = "127.0.0.1:1"; // nothing listens on port 1
        string[] redis = ["--redis", $"{down},{first.Address},{second.Address}", "--redis-password", "s3cret"];
        await using (var head = await InProcessNode.StartAsync(["--role", "head", "--node-name", "head-a", .. redis]))
        await using (var worker = await StartWorkerAsync(head, "worker-1"))
        {
            await WaitForStatesAsync(head, ("worker-1", "ALIVE"));
            await Eventually.MatchesAsync(async () => await StoredNamesAsync(first) + "|" + await StoredNamesAsync(second),
                both => both == "head-a,worker-1|head-a,worker-1", Timeouts.Membership, "both Redis hold the membership");
            await head.Log.WaitForLineAsync($"redis {down} unreachable", Timeouts.LogLine);
        }
        // Make the first Redis hold an older, different snapshot: the newest one (second) must win.
        var stored = (await first.GetAsync(Key))!;
        await first.SetAsync(Key, stored.Replace("\"saved_at_ms\":", "\"saved_at_ms\":1,\"old\":").Replace("worker-1", "stale-worker"));

        await using var replacement = await InProcessNode.StartAsync(["--role", "head", "--node-name", "head-b", "--node-dead-timeout", "30s", .. redis]);

        var nodes = await replacement.GetNodesAsync();
        RayNodes.StateOf(nodes, "worker-1").Should().Be("ALIVE");
        RayNodes.StateOf(nodes, "stale-worker").Should().BeNull("the older snapshot loses");
        RayNodes.StateOf(nodes, "head-a").Should().Be("ALIVE", "restored nodes keep their state until the dead timeout");
    }

    private async Task ReconnectsAfterReplacementAsync(RedisFlavour flavour)
    {
        await using var redis = await RedisTestServer.StartAsync(flavour);
        await using var head = await InProcessNode.StartAsync("--role", "head", "--node-name", "head", "--token-latency-ms", "0", "--redis", redis.Address);
        await using var worker = await StartWorkerAsync(head, "worker-1");
        await Eventually.MatchesAsync(() => redis.GetAsync(Key), json => json?.Contains("worker-1") == true, Timeouts.Membership, $"{redis} holds worker-1");

        await redis.StopAsync();
        await head.Log.WaitForLineAsync($"redis {redis.Address} unreachable", Timeouts.LogLine);
        using var duringOutage = await head.InferAsync();
        await redis.ReplaceAsync();
        var refilled = await Eventually.MatchesAsync(() => redis.GetAsync(Key), json => json?.Contains("worker-1") == true, Timeouts.Membership,
            $"the replaced {redis} holds the membership again");

        output.WriteLine(head.Log.ToString());
        duringOutage.StatusCode.Should().Be(HttpStatusCode.OK, "an outage only costs persistence");
        refilled.Should().Contain("\"head\"");
        await head.Log.WaitForLineAsync($"redis {redis.Address} reachable", Timeouts.LogLine, occurrence: 2);
    }

    private async Task WrongPasswordAsync(RedisFlavour flavour)
    {
        await using var redis = await RedisTestServer.StartAsync(flavour, password: "right");
        await using var head = await InProcessNode.StartAsync("--role", "head", "--node-name", "head", "--token-latency-ms", "0",
            "--redis", redis.Address, "--redis-password", "wrong");

        var nodes = await head.GetNodesAsync();

        RayNodes.StateOf(nodes, "head").Should().Be("ALIVE");
        await head.Log.WaitForLineAsync($"redis {redis.Address} unreachable (authentication failed); membership persistence degraded", Timeouts.LogLine);
        output.WriteLine(head.Log.ToString());
        (await redis.GetAsync(Key)).Should().BeNull("nothing was written with the wrong password");
    }

    private static async Task<string> StoredNamesAsync(RedisTestServer redis) =>
        await redis.GetAsync(Key) is { } json
            ? string.Join(",", JsonDocument.Parse(json).RootElement.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("node_name").GetString()).Order())
            : "(none)";
}
