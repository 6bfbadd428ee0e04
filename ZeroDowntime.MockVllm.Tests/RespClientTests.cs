using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using FluentAssertions;
using Xunit;
using ZeroDowntime.MockVllm.Redis;
using ZeroDowntime.MockVllm.Tests.Infrastructure;

namespace ZeroDowntime.MockVllm.Tests;

public sealed class RespClientTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    [Fact]
    public void Commands_are_encoded_as_RESP2_arrays_of_bulk_strings()
    {
        Encoding.UTF8.GetString(RespClient.Encode(["SET", "k", "é"])).Should().Be("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$2\r\né\r\n");
    }

    [Fact]
    public async Task Ping_set_get_del_round_trip_against_the_fake_server()
    {
        await using var server = new FakeRespServer();
        await using var client = await RespClient.ConnectAsync(server.Address, Timeout, CancellationToken.None);

        await client.PingAsync();
        await client.SetAsync("k", """{"nodes":[]}""");
        var value = await client.GetAsync("k");
        var deleted = await client.DelAsync("k");
        var missing = await client.GetAsync("k");

        value.Should().Be("""{"nodes":[]}""");
        deleted.Should().Be(1);
        missing.Should().BeNull();
    }

    [Fact]
    public async Task Error_replies_surface_as_RespException_with_the_server_message()
    {
        await using var server = new FakeRespServer(password: "right");
        await using var client = await RespClient.ConnectAsync(server.Address, Timeout, CancellationToken.None);

        var unauthenticated = () => client.GetAsync("k");
        var wrongPassword = () => client.AuthAsync("wrong");

        (await unauthenticated.Should().ThrowAsync<RespException>()).Which.Message.Should().Be("NOAUTH Authentication required.");
        (await wrongPassword.Should().ThrowAsync<RespException>()).Which.Message.Should().StartWith("WRONGPASS");
        await client.AuthAsync("right");
        (await client.GetAsync("k")).Should().BeNull();
    }

    [Fact]
    public async Task A_server_that_never_answers_times_out_within_the_bound()
    {
        await using var server = new FakeRespServer(silent: true);
        await using var client = await RespClient.ConnectAsync(server.Address, TimeSpan.FromMilliseconds(300), CancellationToken.None);

        var clock = Stopwatch.StartNew();
        var ping = () => client.PingAsync();

        (await ping.Should().ThrowAsync<TimeoutException>()).Which.Message.Should().Be("Redis did not answer PING within 300ms.");
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Connecting_to_a_closed_port_fails_fast()
    {
        var connect = () => RespClient.ConnectAsync("127.0.0.1:1", Timeout, CancellationToken.None);

        await connect.Should().ThrowAsync<SocketException>();
    }

    [RedisServerFact]
    public async Task Round_trip_against_a_real_redis_server()
    {
        await using var redis = await RealRedisServer.StartAsync();
        await using var client = await RespClient.ConnectAsync(redis.Address, Timeout, CancellationToken.None);

        await client.SetAsync("zd:test", "value with spaces and ünïcode");
        var value = await client.GetAsync("zd:test");
        var reply = await client.CommandAsync(["INCR", "zd:counter"]);
        var wrongType = () => client.CommandAsync(["INCR", "zd:test"]);

        value.Should().Be("value with spaces and ünïcode");
        reply.Should().Be(1L);
        (await wrongType.Should().ThrowAsync<RespException>()).Which.Message.Should().StartWith("ERR value is not an integer");
    }
}
