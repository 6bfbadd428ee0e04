using System.Net;
using System.Net.Sockets;
using System.Text;
using FluentAssertions;
using Xunit;
using ZeroDowntime.MockVllm.Tests.Infrastructure;

namespace ZeroDowntime.MockVllm.Tests;

/// <summary>A worker outlives anything its head does: a head that vanishes mid-reply must not take the worker down.</summary>
public sealed class HeadFailureTests
{
    [Fact]
    public async Task A_head_that_drops_the_connection_mid_reply_never_stops_the_worker()
    {
        using var head = new TruncatingHead();
        await using var worker = await InProcessNode.StartAsync(
            "--node-name", "worker-1", "--head", head.Url, "--heartbeat-interval", "100ms", "--head-max-backoff", "100ms", "--token-latency-ms", "0");

        await head.TruncatedReplies(3).WaitAsync(Timeouts.Membership);
        using var response = await worker.InferAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK, "losing the head must not stop the worker from serving");
        worker.Log.Lines.Should().Contain(line => line.Contains("lost contact with head"));
    }

    [Fact]
    public async Task A_head_address_that_resets_every_connection_never_stops_the_worker()
    {
        // What a Service proxy with no Ready head does: accept, then reset. .NET can surface this as a bare
        // SocketException ("Transport endpoint is not connected") rather than an HttpRequestException.
        using var head = new TruncatingHead(resetOnAccept: true);
        await using var worker = await InProcessNode.StartAsync(
            "--node-name", "worker-1", "--head", head.Url, "--heartbeat-interval", "50ms", "--head-max-backoff", "50ms", "--token-latency-ms", "0");

        await head.TruncatedReplies(40).WaitAsync(Timeouts.Membership);
        using var response = await worker.InferAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK, "a head that resets connections must not stop the worker from serving");
    }

    /// <summary>Answers every request with headers that promise a body, sends half of it and closes the connection (or resets it at once).</summary>
    private sealed class TruncatingHead : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly List<(int Count, TaskCompletionSource Done)> _waiters = [];
        private readonly bool _resetOnAccept;
        private int _replies;

        public TruncatingHead(bool resetOnAccept = false)
        {
            _resetOnAccept = resetOnAccept;
            _listener.Start();
            _ = AcceptAsync();
        }

        public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

        public Task TruncatedReplies(int count)
        {

            lock (_waiters)
            {
                var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                if (_replies >= count) done.SetResult();
                else _waiters.Add((count, done));
                return done.Task;
            }
        }

        public void Dispose() => _listener.Stop();

        private async Task AcceptAsync()
        {
            try
            {
                while (true)
                {
                    using var client = await _listener.AcceptTcpClientAsync();
                    if (_resetOnAccept)
                    {
                        client.Client.LingerState = new LingerOption(true, 0);
                        client.Close();
                        Signal();
                        continue;
                    }

                    var stream = client.GetStream();
                    var buffer = new byte[8192];
                    _ = await stream.ReadAsync(buffer);
                    var reply = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n{\"head_instance_id\":\"01";
                    await stream.WriteAsync(Encoding.ASCII.GetBytes(reply));
                    await stream.FlushAsync();
                    client.Client.LingerState = new LingerOption(true, 0);
                    client.Close();
                    Signal();
                }
            }
            catch (Exception e) when (e is ObjectDisposedException or SocketException or IOException)
            {
                // The listener was stopped.
            }
        }

        private void Signal()
        {
            lock (_waiters)
            {
                _replies++;
                foreach (var waiter in _waiters.Where(w => _replies >= w.Count).ToList())
                {
                    waiter.Done.SetResult();
                    _waiters.Remove(waiter);
                }
            }
        }
    }
}
