using System.Net;
using System.Net.Sockets;
using System.Text;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using ZeroDowntime.MockVllm.Connections;
using ZeroDowntime.MockVllm.Tests.Infrastructure;

namespace ZeroDowntime.MockVllm.Tests;

/// <summary>The connection traffic generator against a real listener: records, losses, reconnects with back-off, read deadline.</summary>
public sealed class ConnectionTrafficClientTests
{
    [Fact]
    public async Task Every_connection_names_its_pod_and_lasts_until_the_traffic_stops()
    {
        await using var node = await InProcessNode.StartAsync("--connection-port", "0", "--node-name", "pod-a");
        await using var traffic = new ConnectionTrafficClient(Options(node, connections: 3));

        traffic.Start();
        await traffic.AllEstablished.WaitAsync(Timeouts.Request);
        var records = await traffic.StopAsync();

        records.Should().HaveCount(3).And.OnlyContain(r => r.IsLasting && r.Pod == "pod-a" && r.Failed == 0 && r.Answered == r.Sent && r.Established != null);
        records.Select(r => (r.Slot, r.Attempt)).Should().BeEquivalentTo([(0, 1), (1, 1), (2, 1)]);
    }

    [Fact]
    public async Task A_draining_server_loses_each_connection_once_without_a_failed_request_and_failed_connects_back_off()
    {
        var node = await InProcessNode.StartAsync("--connection-port", "0", "--node-name", "pod-a");
        await using var traffic = new ConnectionTrafficClient(Options(node, connections: 2, rate: 20));
        traffic.Start();
        await traffic.AllEstablished.WaitAsync(Timeouts.Request);

        await MockVllmApp.BeginDrainAsync(node.App, "test drain").WaitAsync(Timeouts.ProcessExit);
        await node.DisposeAsync();
        await Eventually.MatchesAsync(() => Task.FromResult(traffic.Records), r => r.Count(x => x is { Slot: 0, IsFailedConnect: true }) >= 4,
            Timeouts.Request, "slot 0 failed to reconnect four times");
        var records = await traffic.StopAsync();

        var lost = records.Where(r => r.IsLost).ToList();
        lost.Should().HaveCount(2).And.OnlyContain(r => r.Reason == ConnectionEnd.Closed && r.Failed == 0, "the server closes right after an answer");
        var retries = records.Where(r => r is { Slot: 0, IsFailedConnect: true }).OrderBy(r => r.Start).ToList();
        retries.Should().OnlyContain(r => r.Detail == "connection refused");
        var gaps = retries.Zip(retries.Skip(1), (a, b) => b.Start - a.End).Take(3).ToList();
        gaps[0].Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(95), "the first retry waits the minimum back-off");
        gaps[2].Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(395), "the back-off doubles: 100, 200, 400 ms");
    }

    [Fact]
    public async Task An_answer_later_than_the_read_deadline_gives_the_connection_up_as_lost()
    {
        using var silent = new GreetingOnlyServer("pod-s");
        await using var traffic = new ConnectionTrafficClient(new ConnectionTrafficOptions
        {
            Host = "127.0.0.1", Port = silent.Port, Connections = 1, RatePerConnection = 10, ReadDeadline = TimeSpan.FromMilliseconds(300),
        });

        traffic.Start();
        await Eventually.MatchesAsync(() => Task.FromResult(traffic.Records), r => r.Count > 0, Timeouts.Request, "the connection timed out");
        var records = await traffic.StopAsync();

        var first = records[0];
        first.Should().BeEquivalentTo(new { Slot = 0, Attempt = 1, Pod = "pod-s", Sent = 1L, Answered = 0L, Failed = 1L, Reason = ConnectionEnd.Timeout, Detail = "no answer within 0.3 s" });
        first.IsLost.Should().BeTrue();
    }

    [Fact]
    public void A_record_survives_its_log_line_and_the_summary_has_the_seed_shape()
    {
        var t0 = new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);
        ConnectionRecord[] records =
        [
            new(0, 1, t0, t0.AddMilliseconds(5), t0.AddSeconds(3), "old-a", 15, 15, 0, ConnectionEnd.Closed, null),
            new(1, 1, t0, t0.AddMilliseconds(6), t0.AddSeconds(4), "old-b", 20, 19, 1, ConnectionEnd.Reset, "connection reset"),
            new(0, 2, t0.AddSeconds(3), null, t0.AddSeconds(3.1), null, 0, 0, 0, ConnectionEnd.ConnectFailed, "connection refused"),
            new(0, 3, t0.AddSeconds(3.2), t0.AddSeconds(3.21), t0.AddSeconds(9), "new-a", 29, 29, 0, ConnectionEnd.Lasting, null),
            new(1, 2, t0.AddSeconds(4), t0.AddSeconds(4.01), t0.AddSeconds(9), "new-a", 25, 25, 0, ConnectionEnd.Lasting, null),
        ];

        foreach (var record in records)
        {
            ConnectionRecord.TryParseLine("2025-01-01T12:00:09Z " + record.ToLine(), out var parsed).Should().BeTrue();
            parsed.Should().Be(record);
        }

        var summary = ConnectionSummary.Of(records);
        summary.ToText().Should().Be("""
            Lost connections: 2
              old-a 1
              old-b 1
            Lasting connections: 2
              new-a 2
            Failed connects: 1
            Requests: 89 sent, 88 answered, 1 failed

            """.ReplaceLineEndings("\n"));
        ConnectionSummary.TryParseCounts(summary.ToLine(), out var counts).Should().BeTrue();
        counts.Should().Be((4, 2, 2, 1));
    }

    [Theory]
    [InlineData(new[] { "--connections", "3" }, "connection-client needs --target HOST:PORT.")]
    [InlineData(new[] { "--target", "svc" }, "Invalid value 'svc' for --target: expected HOST:PORT.")]
    [InlineData(new[] { "--target", "svc:5003", "--connections", "0" }, "Invalid value '0' for --connections: expected a whole number above 0.")]
    [InlineData(new[] { "--target", "svc:5003", "--rate", "-1" }, "Invalid value '-1' for --rate: expected a number of requests per second above 0.")]
    [InlineData(new[] { "--target", "svc:5003", "--bogus", "1" }, "Unknown argument '--bogus' for connection-client; see connection-client --help.")]
    public async Task The_connection_client_command_rejects_bad_arguments_with_exit_code_2(string[] args, string message)
    {
        using var error = new StringWriter();

        var exit = await ConnectionClientCommand.RunAsync(args, new Dictionary<string, string?>(), TextWriter.Null, error);

        exit.Should().Be(2);
        error.ToString().Trim().Should().Be(message);
    }

    private static ConnectionTrafficOptions Options(InProcessNode node, int connections, double rate = 10)
    {
        var endPoint = node.App.Services.GetRequiredService<MockVllmEndpoints>().ConnectionEndPoint!;
        return new ConnectionTrafficOptions { Host = endPoint.Address.ToString(), Port = endPoint.Port, Connections = connections, RatePerConnection = rate };
    }

    /// <summary>Greets like the listener, then never answers: a hung server.</summary>
    private sealed class GreetingOnlyServer : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly List<TcpClient> _clients = [];

        public GreetingOnlyServer(string name)
        {
            _listener.Start();
            _ = AcceptAsync(name);
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public void Dispose()
        {
            _listener.Stop();
            lock (_clients)
            {
                _clients.ForEach(c => c.Dispose());
            }
        }

        private async Task AcceptAsync(string name)
        {
            try
            {
                while (true)
                {
                    var client = await _listener.AcceptTcpClientAsync();
                    lock (_clients)
                    {
                        _clients.Add(client);
                    }

                    await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes($"hello {name}\n"));
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or IOException)
            {
                // Stopped.
            }
        }
    }
}
