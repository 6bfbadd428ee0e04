using System.Net;
using System.Net.Sockets;
using System.Text;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using ZeroDowntime.MockVllm.Tests.Infrastructure;

namespace ZeroDowntime.MockVllm.Tests;

/// <summary>The connection listener: it names the pod on every connection and answer, and drains without dropping an answer.</summary>
public sealed class ConnectionListenerTests
{
    [Fact]
    public async Task The_listener_greets_with_the_node_name_and_answers_each_request_with_it()
    {
        await using var node = await InProcessNode.StartAsync("--connection-port", "0", "--node-name", "pod-a");
        using var client = await ConnectAsync(node);
        var reader = Reader(client);

        (await ReadAsync(reader)).Should().Be("hello pod-a");
        (await ExchangeAsync(client, reader, "1")).Should().Be("pod-a 1");
        (await ExchangeAsync(client, reader, "2")).Should().Be("pod-a 2");
        (await ExchangeAsync(client, reader, "two")).Should().Be("error pod-a bad-request");
        node.Log.Lines.Should().Contain(l => l.Contains("listening on tcp://127.0.0.1:", StringComparison.Ordinal) && l.EndsWith("(connections)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task While_the_model_loads_a_request_gets_an_error_answer_and_the_connection_stays_open()
    {
        await using var node = await InProcessNode.StartAsync("--connection-port", "0", "--node-name", "pod-b", "--startup-delay", "60s");
        using var client = await ConnectAsync(node);
        var reader = Reader(client);

        (await ReadAsync(reader)).Should().Be("hello pod-b", "the listener accepts before the model is loaded, as a server without readiness would");
        (await ExchangeAsync(client, reader, "7")).Should().Be("error pod-b loading 7");
        (await ExchangeAsync(client, reader, "8")).Should().Be("error pod-b loading 8");
    }

    [Fact]
    public async Task A_drain_stops_accepting_and_closes_each_connection_right_after_its_next_answer()
    {
        await using var node = await InProcessNode.StartAsync("--connection-port", "0", "--node-name", "pod-c");
        var endPoint = node.App.Services.GetRequiredService<MockVllmEndpoints>().ConnectionEndPoint!;
        using var client = await ConnectAsync(node);
        var reader = Reader(client);
        await ReadAsync(reader);

        var drained = MockVllmApp.BeginDrainAsync(node.App, "test drain");
        await node.Log.WaitForLineAsync("connections: stopped accepting", Timeouts.LogLine);
        var refused = async () => { using var late = new TcpClient(); await late.ConnectAsync(endPoint); };

        (await ExchangeAsync(client, reader, "1")).Should().Be("pod-c 1", "a request sent during the drain is still answered");
        (await reader.ReadLineAsync().WaitAsync(Timeouts.Request)).Should().BeNull("the connection closes (FIN) right after that answer");
        (await refused.Should().ThrowAsync<SocketException>()).Which.SocketErrorCode.Should().Be(SocketError.ConnectionRefused);
        client.Close(); // the drain waits for each client to close its side after the FIN
        await drained.WaitAsync(Timeouts.ProcessExit);
        node.Log.Lines.Should().Contain(l => l.EndsWith("connections: stopped accepting; closing 1 connection(s) after their next answer", StringComparison.Ordinal));
    }

    private static async Task<TcpClient> ConnectAsync(InProcessNode node)
    {
        var endPoint = node.App.Services.GetRequiredService<MockVllmEndpoints>().ConnectionEndPoint
            ?? throw new InvalidOperationException("No connection listener.");
        endPoint.Address.Should().Be(IPAddress.Loopback);
        var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(endPoint);
        return client;
    }

    private static StreamReader Reader(TcpClient client) => new(client.GetStream(), Encoding.ASCII);

    private static async Task<string?> ReadAsync(StreamReader reader) => await reader.ReadLineAsync().WaitAsync(Timeouts.Request);

    private static async Task<string?> ExchangeAsync(TcpClient client, StreamReader reader, string request)
    {
        await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes(request + "\n"));
        return await ReadAsync(reader);
    }
}
