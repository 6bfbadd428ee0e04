using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using FluentAssertions;
using ZeroDowntime.LocalCluster.Networking;
using Xunit;

namespace ZeroDowntime.LocalCluster.Tests.Networking;

public sealed class TcpServiceProxyTests : IAsyncLifetime
{
    private readonly List<TestBackend> _backends = [];
    private TcpServiceProxy _proxy = null!;

    public Task InitializeAsync()
    {
        for (var i = 0; i < 3; i++)
        {
            _backends.Add(new TestBackend($"b{i}"));
        }

        _proxy = new TcpServiceProxy(new IPEndPoint(IPAddress.Loopback, 0), TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(2));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _proxy.DisposeAsync();
        _backends.ForEach(b => b.Dispose());
    }

    [Fact]
    public async Task Connections_not_requests_are_spread_round_robin_over_the_backends()
    {
        _proxy.SetBackends(_backends.Select(b => b.Endpoint).ToList());

        var first = new List<string>();
        var clients = new List<TcpClient>();
        for (var i = 0; i < 6; i++)
        {
            var client = await ConnectAsync();
            clients.Add(client);
            first.Add(await ExchangeAsync(client, "ping"));
        }

        first.Should().Equal("b0:ping", "b1:ping", "b2:ping", "b0:ping", "b1:ping", "b2:ping");
        (await ExchangeAsync(clients[1], "again")).Should().Be("b1:again", "a connection stays on its backend");
        clients.ForEach(c => c.Dispose());
    }

    [Fact]
    public async Task Without_a_Ready_backend_a_connection_is_reset_at_once()
    {
        var exchange = async () =>
        {
            using var client = await ConnectAsync();
            await ExchangeAsync(client, "hello");
        };

        var thrown = (await exchange.Should().ThrowAsync<Exception>()).Which;
        var socketError = thrown as SocketException ?? thrown.InnerException as SocketException;
        socketError.Should().NotBeNull($"a reset, not {thrown.GetType().Name}: {thrown.Message}");
        socketError!.SocketErrorCode.Should().Be(SocketError.ConnectionReset);
    }

    [Fact]
    public async Task When_the_backend_dies_the_proxied_connection_breaks()
    {
        _proxy.SetBackends([_backends[0].Endpoint]);
        using var client = await ConnectAsync();
        (await ExchangeAsync(client, "ping")).Should().Be("b0:ping");

        _backends[0].AbortAll();
        var buffer = new byte[16];
        var read = await ReadOrResetAsync(client.GetStream(), buffer);

        read.Should().Be(0, "the backend's reset reaches the client as a closed connection");
    }

    [Fact]
    public async Task BreakConnectionsTo_resets_every_connection_to_that_pod_address()
    {
        var pod = new TestBackend("pod", IPAddress.Parse("127.10.255.254"));
        _backends.Add(pod);
        _proxy.SetBackends([pod.Endpoint]);
        using var client = await ConnectAsync();
        (await ExchangeAsync(client, "ping")).Should().Be("pod:ping");

        _proxy.BreakConnectionsTo(pod.Endpoint.Address);

        (await ReadOrResetAsync(client.GetStream(), new byte[16])).Should().Be(0);
    }

    [Fact]
    public async Task Backend_changes_reach_the_data_path_only_after_the_propagation_delay()
    {
        _proxy.SetBackends([_backends[0].Endpoint]);
        var clock = Stopwatch.StartNew();
        var changed = _proxy.NextBackendChange;

        _proxy.ScheduleBackends([_backends[1].Endpoint]);
        using (var before = await ConnectAsync())
        {
            (await ExchangeAsync(before, "x")).Should().Be("b0:x", "the change has not propagated yet");
        }

        await changed.WaitAsync(TimeSpan.FromSeconds(5));
        clock.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(280));
        using var after = await ConnectAsync();
        (await ExchangeAsync(after, "y")).Should().Be("b1:y");
    }

    [Fact]
    public async Task Least_connections_sends_a_new_connection_to_the_backend_with_the_fewest_open()
    {
        _proxy.Scheduler = new LeastConnectionsScheduler();
        _proxy.SetBackends(_backends.Select(b => b.Endpoint).ToList());
        var clients = new List<TcpClient>();
        var first = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var client = await ConnectAsync();
            clients.Add(client);
            first.Add(await ExchangeAsync(client, "ping"));
        }

        // b1 loses both of its connections; the next two go there, not round the ring.
        foreach (var i in first.Select((name, i) => (name, i)).Where(x => x.name == "b1:ping").Select(x => x.i))
        {
            clients[i].Dispose();
        }

        await WaitUntilAsync(() => _proxy.ActiveConnections == 4);
        var next = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var client = await ConnectAsync();
            clients.Add(client);
            next.Add(await ExchangeAsync(client, "again"));
        }

        first.GroupBy(n => n).Should().HaveCount(3).And.OnlyContain(g => g.Count() == 2, "equal loads spread evenly");
        next.Should().Equal("b1:again", "b1:again", "b0:again");
        _proxy.Scheduler.Name.Should().Be("lc");
        clients.ForEach(c => c.Dispose());
    }

    [Fact]
    public async Task Round_robin_ignores_how_many_connections_a_backend_holds()
    {
        _proxy.SetBackends(_backends.Select(b => b.Endpoint).ToList());
        var clients = new List<TcpClient>();
        for (var i = 0; i < 3; i++)
        {
            clients.Add(await ConnectAsync());
            await ExchangeAsync(clients[^1], "ping");
        }

        clients[1].Dispose();
        await WaitUntilAsync(() => _proxy.ActiveConnections == 2);
        using var next = await ConnectAsync();

        (await ExchangeAsync(next, "again")).Should().Be("b0:again", "rr goes on round the ring, not to the emptied b1");
        _proxy.Scheduler.Name.Should().Be("rr");
        clients.ForEach(c => c.Dispose());
    }

    [Theory]
    [InlineData(null, "rr", true)]
    [InlineData("", "rr", true)]
    [InlineData("rr", "rr", true)]
    [InlineData("lc", "lc", true)]
    [InlineData("wrr", "rr", false)]
    public void A_scheduler_name_from_the_annotation_is_rr_or_lc_and_anything_else_falls_back_to_rr(string? name, string expected, bool known)
    {
        var ok = ConnectionSchedulers.TryCreate(name, out var scheduler, out var error);

        ok.Should().Be(known);
        scheduler.Name.Should().Be(expected);
        if (!known)
        {
            error.Should().Be("annotation zerodowntime.io/lb-scheduler is 'wrr', but the local load balancer knows only rr and lc; using rr");
        }
    }

    private async Task WaitUntilAsync(Func<bool> condition)
    {
        // A connection counts until both directions ended; wake on each end instead of polling.
        while (true)
        {
            var next = _proxy.NextConnectionEnd;
            if (condition())
            {
                return;
            }

            await next.WaitAsync(TimeSpan.FromSeconds(5));
        }
    }

    private async Task<TcpClient> ConnectAsync()
    {
        var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(_proxy.Endpoint);
        return client;
    }

    private static async Task<string> ExchangeAsync(TcpClient client, string message)
    {
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(message + "\n"));
        var buffer = new byte[256];
        var text = new StringBuilder();
        while (!text.ToString().EndsWith('\n'))
        {
            var n = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(5));
            if (n == 0)
            {
                throw new IOException("closed", new SocketException((int)SocketError.ConnectionReset));
            }

            text.Append(Encoding.ASCII.GetString(buffer, 0, n));
        }

        return text.ToString().TrimEnd('\n');
    }

    private static async Task<int> ReadOrResetAsync(NetworkStream stream, byte[] buffer)
    {
        try
        {
            return await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>A line echo server that prefixes its name: "name:line".</summary>
    private sealed class TestBackend : IDisposable
    {
        private readonly TcpListener _listener;
        private readonly List<TcpClient> _clients = [];
        private readonly string _name;

        public TestBackend(string name, IPAddress? address = null)
        {
            _name = name;
            _listener = new TcpListener(address ?? IPAddress.Loopback, 0);
            _listener.Start();
            Endpoint = (IPEndPoint)_listener.LocalEndpoint;
            _ = AcceptAsync();
        }

        public IPEndPoint Endpoint { get; }

        public void AbortAll()
        {
            lock (_clients)
            {
                foreach (var c in _clients)
                {
                    try
                    {
                        c.Client.LingerState = new LingerOption(true, 0);
                    }
                    catch (Exception e) when (e is ObjectDisposedException or SocketException or NullReferenceException)
                    {
                        // Already closed by the peer.
                    }

                    c.Dispose();
                }

                _clients.Clear();
            }
        }

        public void Dispose()
        {
            _listener.Stop();
            AbortAll();
        }

        private async Task AcceptAsync()
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

                    _ = EchoAsync(client);
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // Stopped.
            }
        }

        private async Task EchoAsync(TcpClient client)
        {
            try
            {
                using var reader = new StreamReader(client.GetStream());
                var stream = client.GetStream();
                while (await reader.ReadLineAsync() is { } line)
                {
                    await stream.WriteAsync(Encoding.ASCII.GetBytes($"{_name}:{line}\n"));
                }
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
                // Aborted.
            }
        }
    }
}
