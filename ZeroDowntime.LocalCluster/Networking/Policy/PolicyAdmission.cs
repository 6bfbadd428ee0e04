using System.Net;
using System.Net.Sockets;

namespace ZeroDowntime.LocalCluster.Networking.Policy;

/// <summary>
/// The proxies' NetworkPolicy check for a new connection, once its backend is picked: a denied
/// connection is held here, with nothing sent to the backend, until a policy change allows it (at its
/// next SYN retransmission); a client that gave up meanwhile is dropped.
/// </summary>
internal static class PolicyAdmission
{
    private const int ChunkSize = 64 * 1024;

    /// <summary>The connection's guard (null without a gate), whether to forward it, and what the client sent while it was held.</summary>
    public static async Task<(ConnectionGuard? Guard, bool Admitted, byte[]? Held)> AdmitAsync(
        IConnectionGate? gate, Socket client, IPEndPoint backend, CancellationToken stopping)
    {
        if (gate is null)
        {
            return (null, true, null);
        }

        var guard = gate.Open(client, backend);
        var allowed = guard.WhenAllowed;
        if (allowed.IsCompleted)
        {
            return (guard, allowed.Result, null);
        }

        try
        {
            if (!await allowed.WaitAsync(stopping).ConfigureAwait(false))
            {
                return (guard, false, null);
            }
        }
        catch (OperationCanceledException)
        {
            return (guard, false, null);
        }

        // A client that gave up while held never reaches the backend, as its dropped SYN would not have.
        return TakeHeld(client) is { } held ? (guard, true, held) : (guard, false, null);
    }

    /// <summary>What a held client sent meanwhile, or null when it also closed (it gave up: a FIN after its data).</summary>
    private static byte[]? TakeHeld(Socket client)
    {
        try
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[ChunkSize];
            while (client.Available > 0)
            {
                var read = client.Receive(chunk, Math.Min(chunk.Length, client.Available), SocketFlags.None);
                buffer.Write(chunk, 0, read);
            }

            return client.Poll(0, SelectMode.SelectRead) && client.Available == 0 ? null : buffer.ToArray();
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return null;
        }
    }
}
