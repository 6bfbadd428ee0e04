using System.Net;
using System.Text.Json;
using FluentAssertions;
using Xunit;
using ZeroDowntime.MockVllm.Tests.Infrastructure;
using static ZeroDowntime.MockVllm.Tests.MembershipTests;

namespace ZeroDowntime.MockVllm.Tests;

public sealed class RedisPersistenceTests
{
    private const string Key = "zd-mockvllm:default:nodes";

    [Fact]
    public async Task A_new_head_knows_the_nodes_from_the_fake_redis_at_start()
    {
        await using var redis = new FakeRespServer();

        await NewHeadStartsWithTheKnownNodesAsync(redis.Address);

        redis.Commands.Should().Contain("GET").And.Contain("SET");
    }

    [RedisServerFact]
    public async Task A_new_head_knows_the_nodes_from_a_real_redis_server_at_start()
    {
        await using var redis = await RealRedisServer.StartAsync();

        await NewHeadStartsWithTheKnownNodesAsync(redis.Address);
    }

    [Fact]
    public async Task Membership_is_written_to_every_reachable_redis_and_the_newest_snapshot_is_read()
    {
        await using var first = new FakeRespServer(password: "s3cret");
        await using var second = new FakeRespServer(password: "s3cret");
        var down = "127.0.0.1:1"; // nothing listens on port 1
        string[] redis = ["--redis", $"{down},{first.Address},{second.Address}", "--redis-password", "s3cret"];
        await using (var head = await InProcessNode.StartAsync(["--role", "head", "--node-name", "head-a", .. redis]))
        await using (var worker = await StartWorkerAsync(head, "worker-1"))
        {
            await WaitForStatesAsync(head, ("worker-1", "ALIVE"));
            await Eventually.MatchesAsync(() => Task.FromResult(StoredNames(first) + "|" + StoredNames(second)),
                both => both == "head-a,worker-1|head-a,worker-1", Timeouts.Membership, "both Redis hold the membership");
            await head.Log.WaitForLineAsync($"redis {down} unreachable", Timeouts.LogLine);
        }
        // Make the first Redis hold an older, different snapshot: the newest one (second) must win.
        first.Data[Key] = first.Data[Key].Replace("\"saved_at_ms\":", "\"saved_at_ms\":1,\"old\":").Replace("worker-1", "stale-worker");

        await using var replacement = await InProcessNode.StartAsync(["--role", "head", "--node-name", "head-b", "--node-dead-timeout", "30s", .. redis]);

        var nodes = await replacement.GetNodesAsync();
        RayNodes.StateOf(nodes, "worker-1").Should().Be("ALIVE");
        RayNodes.StateOf(nodes, "stale-worker").Should().BeNull("the older snapshot loses");
        RayNodes.StateOf(nodes, "head-a").Should().Be("ALIVE", "restored nodes keep their state until the dead timeout");
    }

    [Fact]
    public async Task Redis_being_down_breaks_neither_the_head_API_nor_inference()
    {
        await using var silent = new FakeRespServer(silent: true);
        await using var head = await InProcessNode.StartAsync("--role", "head", "--node-name", "head", "--token-latency-ms", "0", "--redis", $"127.0.0.1:1,{silent.Address}");

        var nodes = await head.GetNodesAsync();
        using var inference = await head.InferAsync();

        RayNodes.StateOf(nodes, "head").Should().Be("ALIVE");
        inference.StatusCode.Should().Be(HttpStatusCode.OK);
        await head.Log.WaitForLineAsync($"redis {silent.Address} unreachable (Redis did not answer GET within 750ms.)", Timeouts.LogLine);
    }

    private static async Task NewHeadStartsWithTheKnownNodesAsync(string redisAddress)
    {
        string[] head = ["--role", "head", "--redis", redisAddress, "--node-dead-timeout", "2s"];
        var first = await InProcessNode.StartAsync([.. head, "--node-name", "head-a"]);
        var worker = await StartWorkerAsync(first, "worker-1");
        await WaitForStatesAsync(first, ("worker-1", "ALIVE"));
        await first.Log.WaitForLineAsync($"redis {redisAddress} reachable", Timeouts.LogLine);
        await Eventually.MatchesAsync(() => StoredAsync(redisAddress), json => json?.Contains("worker-1") == true, Timeouts.Membership, "Redis holds worker-1");
        await worker.DisposeAsync(); // the worker is gone for good: the new head must learn that from the timeout
        await first.DisposeAsync();

        await using var second = await InProcessNode.StartAsync([.. head, "--node-name", "head-b"]);
        var atStart = await second.GetNodesAsync();

        RayNodes.StateOf(atStart, "worker-1").Should().Be("ALIVE", "the new head starts with the membership kept in Redis");
        await second.Log.WaitForLineAsync("restored 2 node(s) from redis", Timeouts.LogLine);
        await WaitForStatesAsync(second, ("worker-1", "DEAD"), ("head-a", "DEAD"), ("head-b", "ALIVE"));
    }

    private static async Task<string?> StoredAsync(string address)
    {
        await using var client = await Redis.RespClient.ConnectAsync(address, TimeSpan.FromSeconds(2), CancellationToken.None);
        return await client.GetAsync(Key);
    }

    private static string StoredNames(FakeRespServer redis) =>
        redis.Data.TryGetValue(Key, out var json)
            ? string.Join(",", JsonDocument.Parse(json).RootElement.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("node_name").GetString()).Order())
            : "(none)";
}
