using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace ZeroDowntime.MockVllm.Connections;

/// <summary>
/// One connection of one slot, from connect to end: connect and greeting within the connect
/// timeout, then a request every period, each answer awaited up to the read deadline. A FIN or an
/// RST from the server ends it at once, whether or not a request is outstanding.
/// </summary>
internal sealed class ClientConnection(ConnectionTrafficOptions options, int slot, int attempt)
{
    private readonly TimeSpan _period = TimeSpan.FromSeconds(1 / options.RatePerConnection);
    private long _sent;
    private long _answered;
    private long _failed;
    private string? _detail;

    /// <summary>Runs the connection until it ends or <paramref name="stop"/> fires; <paramref name="established"/> is called once the greeting arrived.</summary>
    public async Task<ConnectionRecord> RunAsync(Action established, CancellationToken stop)
    {
        var start = options.Clock();
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        var reader = new SocketLineReader(socket);
        string? pod;
        using (var connectDeadline = CancellationTokenSource.CreateLinkedTokenSource(stop))
        {
            connectDeadline.CancelAfter(options.ConnectTimeout);
            try
            {
                await socket.ConnectAsync(options.Host, options.Port, connectDeadline.Token).ConfigureAwait(false);
                var greeting = await reader.ReadLineAsync(connectDeadline.Token).ConfigureAwait(false);
                pod = ConnectionProtocol.ParseGreeting(greeting)
                    ?? throw new IOException(greeting is null ? "closed before the greeting" : $"unexpected greeting '{Truncate(greeting)}'");
            }
            catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
            {
                var why = stop.IsCancellationRequested ? "stopped while connecting"
                    : e is OperationCanceledException ? $"no greeting within {options.ConnectTimeout.TotalSeconds:0.###} s"
                    : Describe(e);
                return new ConnectionRecord(slot, attempt, start, null, options.Clock(), null, 0, 0, 0, ConnectionEnd.ConnectFailed, why);
            }
        }

        var establishedAt = options.Clock();
        established();
        var (reason, end) = await ExchangeAsync(socket, reader, pod, stop).ConfigureAwait(false);
        return new ConnectionRecord(slot, attempt, start, establishedAt, end, pod, _sent, _answered, _failed, reason, _detail);
    }

    private async Task<(ConnectionEnd Reason, DateTimeOffset End)> ExchangeAsync(Socket socket, SocketLineReader reader, string pod, CancellationToken stop)
    {
        using var readerStop = new CancellationTokenSource();
        var read = reader.ReadLineAsync(readerStop.Token);
        var clock = Stopwatch.StartNew();
        // Slots send out of step (slot i at i/N of a period): in lock step, a server's close would catch many requests in flight at once.
        var nextSend = _period * (slot % options.Connections) / options.Connections;
        long sequence = 0;
        try
        {
            while (true)
            {
                // Between requests: the server may close (FIN/RST) at any moment, and is noticed at once.
                var wait = nextSend - clock.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    var idle = Task.Delay(wait, stop);
                    if (await Task.WhenAny(idle, read).ConfigureAwait(false) == read)
                    {
                        var unsolicited = await Outcome(read).ConfigureAwait(false);
                        if (unsolicited.Ended is { } ended)
                        {
                            return (ended, options.Clock());
                        }

                        read = reader.ReadLineAsync(readerStop.Token); // a stray line: ignore it
                        continue;
                    }
                }

                if (stop.IsCancellationRequested)
                {
                    Close(socket);
                    return (ConnectionEnd.Lasting, options.Clock());
                }

                sequence++;
                _sent++;
                try
                {
                    await socket.SendAsync(Encoding.ASCII.GetBytes($"{sequence}\n"), SocketFlags.None).ConfigureAwait(false);
                }
                catch (SocketException e)
                {
                    Fail(Describe(e));
                    return (ConnectionEnd.Reset, options.Clock());
                }

                // The answer: within the read deadline, even when the traffic is being stopped.
                var deadline = Task.Delay(options.ReadDeadline, CancellationToken.None);
                if (await Task.WhenAny(read, deadline).ConfigureAwait(false) == deadline)
                {
                    Fail($"no answer within {options.ReadDeadline.TotalSeconds:0.###} s");
                    await readerStop.CancelAsync().ConfigureAwait(false);
                    return (ConnectionEnd.Timeout, options.Clock());
                }

                var answer = await Outcome(read).ConfigureAwait(false);
                if (answer.Ended is { } end)
                {
                    Fail(end == ConnectionEnd.Closed ? "closed before answering" : answer.Detail!);
                    return (end, options.Clock());
                }

                Judge(answer.Line!, pod, sequence);
                read = reader.ReadLineAsync(readerStop.Token);
                nextSend += _period;
                if (nextSend < clock.Elapsed - _period)
                {
                    nextSend = clock.Elapsed; // after a stall, carry on at the rate instead of sending a burst
                }
            }
        }
        finally
        {
            await readerStop.CancelAsync().ConfigureAwait(false);
            await ((Task)read).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private void Judge(string line, string pod, long sequence)
    {
        if (line == ConnectionProtocol.Answer(pod, sequence))
        {
            _answered++;
            return;
        }

        var words = line.Split(' ');
        Fail(words is [ConnectionProtocol.Error, _, var reason, ..] ? $"error {reason}" : $"unexpected answer '{Truncate(line)}' to request {sequence}");
    }

    private void Fail(string detail)
    {
        _failed++;
        _detail ??= detail;
    }

    private static async Task<(ConnectionEnd? Ended, string? Line, string? Detail)> Outcome(Task<string?> read)
    {
        try
        {
            var line = await read.ConfigureAwait(false);
            return line is null ? (ConnectionEnd.Closed, null, "closed") : (null, line, null);
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            return (ConnectionEnd.Reset, null, Describe(e));
        }
    }

    private static void Close(Socket socket)
    {
        try
        {
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already broken: nothing to close gracefully.
        }
    }

    private static string Describe(Exception e) => e switch
    {
        SocketException { SocketErrorCode: SocketError.ConnectionRefused } => "connection refused",
        SocketException { SocketErrorCode: SocketError.ConnectionReset } => "connection reset",
        SocketException s => s.SocketErrorCode.ToString(),
        IOException { InnerException: SocketException s } => Describe(s),
        _ => e.Message,
    };

    private static string Truncate(string text) => text.Length > 60 ? text[..60] + "…" : text;
}
