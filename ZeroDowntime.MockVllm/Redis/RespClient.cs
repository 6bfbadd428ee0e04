using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace ZeroDowntime.MockVllm.Redis;

/// <summary>
/// A minimal RESP2 client over one TCP connection: enough for PING, AUTH, GET, SET and DEL. Every call is
/// bounded by the timeout given at connect; not thread-safe (one command at a time).
/// </summary>
internal sealed class RespClient : IAsyncDisposable
{
    private readonly TcpClient tcp;
    private readonly NetworkStream stream;
    private readonly TimeSpan timeout;
    private readonly byte[] buffer = new byte[8192];
    private int bufferStart;
    private int bufferEnd;

    private RespClient(TcpClient tcp, TimeSpan timeout)
    {
        this.tcp = tcp;
        this.timeout = timeout;
        stream = tcp.GetStream();
    }

    public static async Task<RespClient> ConnectAsync(string address, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var colon = address.LastIndexOf(':');
        var host = address[..colon].Trim('[', ']');
        var port = int.Parse(address[(colon + 1)..], CultureInfo.InvariantCulture);
        var tcp = new TcpClient { NoDelay = true };
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            await tcp.ConnectAsync(host, port, deadline.Token);
            return new RespClient(tcp, timeout);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            tcp.Dispose();
            throw new TimeoutException($"Connecting to Redis at {address} timed out after {timeout.TotalMilliseconds:0}ms.");
        }
        catch
        {
            tcp.Dispose();
            throw;
        }
    }

    public async Task PingAsync(CancellationToken cancellationToken = default) =>
        Expect("PONG", await CommandAsync(["PING"], cancellationToken));

    public async Task AuthAsync(string password, CancellationToken cancellationToken = default) =>
        Expect("OK", await CommandAsync(["AUTH", password], cancellationToken));

    public async Task<string?> GetAsync(string key, CancellationToken cancellationToken = default) =>
        await CommandAsync(["GET", key], cancellationToken) switch
        {
            null => null,
            string value => value,
            var other => throw new RespException($"GET returned an unexpected {other.GetType().Name}."),
        };

    public async Task SetAsync(string key, string value, CancellationToken cancellationToken = default) =>
        Expect("OK", await CommandAsync(["SET", key, value], cancellationToken));

    public async Task<long> DelAsync(string key, CancellationToken cancellationToken = default) =>
        await CommandAsync(["DEL", key], cancellationToken) is long count ? count : throw new RespException("DEL did not return an integer.");

    /// <summary>Sends one command and reads its reply: string (simple or bulk), long, null, or object?[] for arrays.</summary>
    public async Task<object?> CommandAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await stream.WriteAsync(Encode(arguments), deadline.Token);
            return await ReadReplyAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Redis did not answer {arguments[0]} within {timeout.TotalMilliseconds:0}ms.");
        }
    }

    public ValueTask DisposeAsync()
    {
        tcp.Dispose();
        return ValueTask.CompletedTask;
    }

    internal static byte[] Encode(IReadOnlyList<string> arguments)
    {
        var text = new StringBuilder();
        text.Append('*').Append(arguments.Count).Append("\r\n");
        foreach (var argument in arguments)
        {
            text.Append('$').Append(Encoding.UTF8.GetByteCount(argument)).Append("\r\n").Append(argument).Append("\r\n");
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static void Expect(string expected, object? reply)
    {
        if (reply as string != expected)
        {
            throw new RespException($"Expected {expected} but Redis replied {reply ?? "(nil)"}.");
        }
    }

    private async Task<object?> ReadReplyAsync(CancellationToken cancellationToken)
    {
        var line = await ReadLineAsync(cancellationToken);
        if (line.Length == 0)
        {
            throw new RespException("Empty reply line.");
        }
        var payload = line[1..];
        switch (line[0])
        {
            case '+':
                return payload;
            case '-':
                throw new RespException(payload);
            case ':':
                return long.Parse(payload, CultureInfo.InvariantCulture);
            case '$':
                var length = int.Parse(payload, CultureInfo.InvariantCulture);
                if (length < 0)
                {
                    return null;
                }
                var bytes = await ReadExactAsync(length + 2, cancellationToken);
                return Encoding.UTF8.GetString(bytes, 0, length);
            case '*':
                var count = int.Parse(payload, CultureInfo.InvariantCulture);
                if (count < 0)
                {
                    return null;
                }
                var items = new object?[count];
                for (var i = 0; i < count; i++)
                {
                    items[i] = await ReadReplyAsync(cancellationToken);
                }
                return items;
            default:
                throw new RespException($"Unknown reply type '{line[0]}'.");
        }
    }

    private async Task<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        var line = new List<byte>();
        while (true)
        {
            if (bufferStart == bufferEnd)
            {
                await FillAsync(cancellationToken);
            }
            var b = buffer[bufferStart++];
            if (b == '\n' && line.Count > 0 && line[^1] == '\r')
            {
                return Encoding.UTF8.GetString(line.ToArray(), 0, line.Count - 1);
            }
            line.Add(b);
        }
    }

    private async Task<byte[]> ReadExactAsync(int count, CancellationToken cancellationToken)
    {
        var result = new byte[count];
        var filled = 0;
        while (filled < count)
        {
            if (bufferStart == bufferEnd)
            {
                await FillAsync(cancellationToken);
            }
            var take = Math.Min(count - filled, bufferEnd - bufferStart);
            Array.Copy(buffer, bufferStart, result, filled, take);
            bufferStart += take;
            filled += take;
        }
        return result;
    }

    private async Task FillAsync(CancellationToken cancellationToken)
    {
        bufferStart = 0;
        bufferEnd = await stream.ReadAsync(buffer, cancellationToken);
        if (bufferEnd == 0)
        {
            throw new RespException("Redis closed the connection.");
        }
    }
}
