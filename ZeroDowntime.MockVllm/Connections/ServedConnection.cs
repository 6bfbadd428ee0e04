using System.Net.Sockets;
using System.Text;
using ZeroDowntime.MockVllm.Serving;

namespace ZeroDowntime.MockVllm.Connections;

/// <summary>One accepted connection: greeting, then one answer per request line.</summary>
internal sealed class ServedConnection(Socket socket, string node, ServiceState state)
{
    /// <summary>How long a draining connection waits for one more request before it closes without one.</summary>
    public static readonly TimeSpan IdleCloseGrace = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _answering;
    private bool _closing;
    private bool _sendShut;

    public Task Closed => _closed.Task;

    public async Task RunAsync(bool drainingAlready)
    {
        var buffer = new byte[1024];
        var pending = new StringBuilder();
        try
        {
            socket.NoDelay = true;
            await SendLineAsync(ConnectionProtocol.Greeting(node));
            if (drainingAlready)
            {
                FinishAndClose();
            }

            int read;
            while ((read = await socket.ReceiveAsync(buffer.AsMemory(), SocketFlags.None)) > 0)
            {
                pending.Append(Encoding.ASCII.GetString(buffer, 0, read));
                int newline;
                while ((newline = pending.ToString().IndexOf('\n', StringComparison.Ordinal)) >= 0)
                {
                    var line = pending.ToString(0, newline).TrimEnd('\r');
                    pending.Remove(0, newline + 1);
                    await AnswerAsync(line);
                }
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // The client reset the connection, or the process is stopping.
        }
        finally
        {
            socket.Dispose();
            _closed.TrySetResult();
        }
    }

    /// <summary>
    /// Closes right after the next answer: the request in progress, or else the next one the client sends. A client that
    /// waits for each answer then has nothing in flight when the FIN comes; one that sends nothing within
    /// <see cref="IdleCloseGrace"/> is closed anyway.
    /// </summary>
    public void FinishAndClose()
    {
        lock (_gate)
        {
            _closing = true;
            if (_answering)
            {
                return;
            }
        }

        _ = CloseWhenIdleAsync();
    }

    private async Task CloseWhenIdleAsync()
    {
        // The grace is the behaviour: a request sent just before the drain is still answered instead of crossing the FIN.
        await Task.Delay(IdleCloseGrace);
        lock (_gate)
        {
            if (!_answering)
            {
                ShutSend();
            }
        }
    }

    public void Abort()
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already closed.
        }

        socket.Dispose();
    }

    private async Task AnswerAsync(string line)
    {
        lock (_gate)
        {
            if (_sendShut)
            {
                return; // arrived after the FIN: it cannot be answered, the client counts it failed
            }

            _answering = true;
        }

        try
        {
            var answer = !ConnectionProtocol.TryParseRequest(line, out var sequence) ? $"{ConnectionProtocol.Error} {node} bad-request"
                : !state.IsModelLoaded ? ConnectionProtocol.ErrorAnswer(node, ConnectionProtocol.Loading, sequence)
                : ConnectionProtocol.Answer(node, sequence);
            await SendLineAsync(answer);
        }
        finally
        {
            lock (_gate)
            {
                _answering = false;
                if (_closing)
                {
                    ShutSend();
                }
            }
        }
    }

    private async Task SendLineAsync(string line)
    {
        var bytes = Encoding.ASCII.GetBytes(line + "\n");
        var sent = 0;
        while (sent < bytes.Length)
        {
            sent += await socket.SendAsync(bytes.AsMemory(sent), SocketFlags.None);
        }
    }

    private void ShutSend()
    {
        if (_sendShut)
        {
            return;
        }

        _sendShut = true;
        try
        {
            // A FIN, not a close: the client sees an orderly end and closes; reading on until then avoids an RST.
            socket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already gone.
        }
    }
}
