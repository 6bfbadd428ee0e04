using System.Net;
using System.Net.Sockets;

namespace ZeroDowntime.MockVllm.Tests.Infrastructure;

/// <summary>Accepts TCP connections on 127.0.0.1 and never answers: a hung Redis.</summary>
internal sealed class SilentServer : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly List<TcpClient> accepted = [];
    private readonly CancellationTokenSource stop = new();
    private readonly Task acceptLoop;

    public SilentServer()
    {
        listener.Start();
        acceptLoop = AcceptAsync();
    }

    public string Address => $"127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await acceptLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        lock (accepted)
        {
            accepted.ForEach(c => c.Dispose());
        }
        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            var client = await listener.AcceptTcpClientAsync(stop.Token);
            lock (accepted)
            {
                accepted.Add(client);
            }
        }
    }
}
