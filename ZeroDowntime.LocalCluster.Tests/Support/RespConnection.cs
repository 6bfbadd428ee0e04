using System.Net.Sockets;
using System.Text;

namespace ZeroDowntime.LocalCluster.Tests.Support;

/// <summary>
/// One TCP connection speaking RESP2 to a redis-server or the Garnet stand-in: enough for PING, AUTH, SET, GET and INFO.
/// One connection matters: through a Service each new connection may reach another pod.
/// </summary>
internal sealed class RespConnection : IDisposable
{
    private readonly TcpClient _client;
    private readonly StreamReader _reader;
    private readonly Stream _stream;

    private RespConnection(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
        _reader = new StreamReader(_stream, new UTF8Encoding(false));
    }

    public static async Task<RespConnection> OpenAsync(string host, int port)
    {
        var client = new TcpClient { NoDelay = true };
        try
        {
            using var deadline = new CancellationTokenSource(Timeouts.StatusChange);
            await client.ConnectAsync(host, port, deadline.Token);
            return new RespConnection(client);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>Sends a command; returns the reply as text: <c>+OK</c>, <c>-ERR ...</c>, <c>:1</c>, the whole bulk string, or <c>(nil)</c>.</summary>
    public async Task<string> SendAsync(params string[] command)
    {
        var request = new StringBuilder($"*{command.Length}\r\n");
        foreach (var part in command)
        {
            request.Append('$').Append(Encoding.UTF8.GetByteCount(part)).Append("\r\n").Append(part).Append("\r\n");
        }

        using var deadline = new CancellationTokenSource(Timeouts.StatusChange);
        await _stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString()), deadline.Token);
        var line = await _reader.ReadLineAsync(deadline.Token) ?? throw new IOException($"the server closed the connection after {command[0]}");
        if (!line.StartsWith('$'))
        {
            return line;
        }

        // Test values and INFO are ASCII, so the bulk length in bytes is its length in characters.
        var length = int.Parse(line.AsSpan(1));
        if (length < 0)
        {
            return "(nil)";
        }

        var bulk = new char[length + 2]; // and its CRLF
        await _reader.ReadBlockAsync(bulk, deadline.Token);
        return new string(bulk, 0, length);
    }

    public void Dispose()
    {
        _reader.Dispose();
        _client.Dispose();
    }
}
