using System.Buffers;
using System.Net;
using System.Net.Sockets;
using ZeroDowntime.LocalCluster.Networking.Policy;

namespace ZeroDowntime.LocalCluster.Networking;

/// <summary>
/// One client connection spliced to one backend. A FIN on either side is passed on (half-close);
/// a reset or error on either side resets both, as a broken path would. While a NetworkPolicy denies
/// it (<paramref name="guard"/>), nothing is sent either way; what the client sent while it was held
/// (<paramref name="held"/>) goes to the backend first.
/// </summary>
internal sealed class ProxiedConnection(Socket client, Socket backend, IPEndPoint backendEndpoint, ConnectionGuard? guard = null, byte[]? held = null)
{
    private int _aborted;

    public IPEndPoint Backend { get; } = backendEndpoint;

    public async Task RunAsync(int bufferSize)
    {
        try
        {
            if (held is { Length: > 0 })
            {
                await backend.SendAsync(held, SocketFlags.None).ConfigureAwait(false);
            }

            var up = PumpAsync(client, backend, bufferSize);
            var down = PumpAsync(backend, client, bufferSize);
            await Task.WhenAll(up, down).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            Abort();
        }
        finally
        {
            guard?.Dispose();
            client.Dispose();
            backend.Dispose();
        }
    }

    /// <summary>Resets both sides (RST, not FIN).</summary>
    public void Abort()
    {
        if (Interlocked.Exchange(ref _aborted, 1) == 1)
        {
            return;
        }

        guard?.Dispose();
        TcpServiceProxy.Reset(client);
        TcpServiceProxy.Reset(backend);
    }

    private async Task PumpAsync(Socket from, Socket to, int bufferSize)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(bufferSize);
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer.AsMemory(), SocketFlags.None).ConfigureAwait(false);
                if (read == 0)
                {
                    // Orderly close: pass the FIN on and let the other direction finish.
                    if (Volatile.Read(ref _aborted) == 0)
                    {
                        to.Shutdown(SocketShutdown.Send);
                    }

                    return;
                }

                if (guard is not null && !await guard.WhenAllowed.ConfigureAwait(false))
                {
                    return; // closed while held
                }

                var sent = 0;
                while (sent < read)
                {
                    sent += await to.SendAsync(buffer.AsMemory(sent, read - sent), SocketFlags.None).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            Abort();
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
