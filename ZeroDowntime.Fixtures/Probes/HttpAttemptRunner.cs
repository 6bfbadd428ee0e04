using System.Diagnostics;
using System.Net.Http;
using System.Net.Sockets;
using ZeroDowntime.Fixtures.Measurement;

namespace ZeroDowntime.Fixtures.Probes;

/// <summary>
/// Sends one <see cref="InferenceRequest"/> per call with its own timeout and turns whatever
/// happens into an <see cref="AttemptRecord"/>: failures are recorded, never thrown.
/// Shared by the probe and the built-in load generator so both judge attempts identically.
/// </summary>
internal sealed class HttpAttemptRunner : IDisposable
{
    private readonly HttpClient _client;
    private readonly InferenceRequest _request;
    private readonly TimeSpan _timeout;
    private readonly bool _fresh;
    private readonly string _source;

    public HttpAttemptRunner(InferenceRequest request, TimeSpan timeout, ConnectionMode mode, string source, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        _request = request;
        _timeout = timeout;
        _fresh = mode == ConnectionMode.FreshConnection;
        _source = source;
        _client = new HttpClient(handler ?? CreateHandler(mode), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>
    /// The handler for a mode. Fresh: connections are never returned to the pool (lifetime zero)
    /// and the request says <c>Connection: close</c>. Keep-alive: the default pool.
    /// </summary>
    public static SocketsHttpHandler CreateHandler(ConnectionMode mode) => new()
    {
        PooledConnectionLifetime = mode == ConnectionMode.FreshConnection ? TimeSpan.Zero : Timeout.InfiniteTimeSpan,
        UseCookies = false,
        AllowAutoRedirect = false,
        UseProxy = false, // a probe measures the target, not a proxy picked up from the environment
    };

    /// <summary>
    /// Runs attempt <paramref name="sequence"/>. The start is taken synchronously on the caller's
    /// thread (the schedule thread), before the first await.
    /// </summary>
    /// <param name="sequence">The attempt's index in the schedule.</param>
    /// <param name="abort">Cancels the attempt when the owner shuts down; such attempts return null (not a failure of the service).</param>
    public async Task<AttemptRecord?> RunAsync(long sequence, CancellationToken abort)
    {
        var startTimestamp = Stopwatch.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(abort);
        return await RunAsync(sequence, startTimestamp, timeout, abort).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs attempt <paramref name="sequence"/>, started at <paramref name="startTimestamp"/> (a <see cref="Stopwatch"/>
    /// timestamp taken by whoever decided to start it), under <paramref name="timeout"/>: a source linked to
    /// <paramref name="abort"/> that this call arms with the attempt timeout. A worker that runs attempts one after
    /// another passes the same source each time and resets it (<see cref="CancellationTokenSource.TryReset"/>) in
    /// between, so an attempt costs no new source and timer registration.
    /// </summary>
    public async Task<AttemptRecord?> RunAsync(long sequence, long startTimestamp, CancellationTokenSource timeout, CancellationToken abort)
    {
        var start = MeasurementClock.ToUtc(startTimestamp);
        timeout.CancelAfter(_timeout);
        int? status = null;
        try
        {
            using var message = _request.CreateMessage(_fresh);
            using var response = await _client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            status = (int)response.StatusCode;
            var body = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
            var kind = _request.Check.Evaluate(status.Value, body);
            return Record(sequence, start, startTimestamp, status, kind, kind == AttemptErrorKind.None ? null : _request.Check.Description + " failed");
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            return null;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return Record(sequence, start, startTimestamp, status, AttemptErrorKind.Timeout, $"no complete response within {_timeout.TotalSeconds:0.###} s");
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or SocketException)
        {
            return Record(sequence, start, startTimestamp, status, Classify(ex), ex.Message);
        }
    }

    public void Dispose() => _client.Dispose();

    /// <summary>Maps a transport error to an error kind by its socket error, else by HttpClient's own category.</summary>
    internal static AttemptErrorKind Classify(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is SocketException socket)
            {
                return socket.SocketErrorCode switch
                {
                    SocketError.ConnectionRefused => AttemptErrorKind.ConnectionRefused,
                    SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown or SocketError.NotConnected => AttemptErrorKind.ConnectionReset,
                    SocketError.TimedOut => AttemptErrorKind.Timeout,
                    _ => AttemptErrorKind.Other,
                };
            }
        }

        var category = exception switch
        {
            HttpRequestException http => http.HttpRequestError,
            HttpIOException io => io.HttpRequestError,
            _ => HttpRequestError.Unknown,
        };
        return category == HttpRequestError.ResponseEnded ? AttemptErrorKind.ConnectionReset : AttemptErrorKind.Other;
    }

    private AttemptRecord Record(long sequence, DateTimeOffset start, long startTimestamp, int? status, AttemptErrorKind kind, string? detail) =>
        new(_source, sequence, start, Stopwatch.GetElapsedTime(startTimestamp),
            kind == AttemptErrorKind.None ? AttemptOutcome.Success : AttemptOutcome.Failure, status, kind, detail);
}
