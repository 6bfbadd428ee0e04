using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace ZeroDowntime.K6Double;

/// <summary>
/// k6's constant-arrival-rate executor for one scenario: attempt k starts at t0 + k·(timeUnit/rate);
/// when MAX_VUS attempts are in flight it is dropped (dropped_iterations). Each finished attempt prints
/// the script's ZD_ATTEMPT line. At a stop, attempts in flight are dropped as k6 drops them.
/// </summary>
public sealed class LoadRun : IDisposable
{
    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }; // like JSON.stringify

    private readonly DoubleSettings _settings;
    private readonly HttpClient _http;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<double> _latencies = [];
    private readonly Lock _gate = new();
    private long _passes;
    private long _fails;
    private long _dropped;
    private int _inFlight;
    private long _startTimestamp;

    /// <summary>Creates the run; nothing is sent before <see cref="RunAsync"/>.</summary>
    public LoadRun(DoubleSettings settings)
    {
        _settings = settings;
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = settings.MaxVus,
            UseProxy = false,
            ConnectTimeout = settings.RequestTimeout,
            // k6's noConnectionReuse: a connection is never returned to the pool.
            PooledConnectionLifetime = settings.NoConnectionReuse ? TimeSpan.Zero : Timeout.InfiniteTimeSpan,
        };
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>Attempts in flight now (the status endpoint's vus).</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>
    /// When attempt <paramref name="k"/> of a ramping-arrival-rate is due: where the area under the rate
    /// (linear within each stage, as k6 ramps) reaches k; null after the last stage (k6 then ends).
    /// </summary>
    private TimeSpan? RampDue(IReadOnlyList<(double Target, TimeSpan Duration)> stages, long k)
    {
        var unit = _settings.TimeUnit.TotalSeconds;
        var from = _settings.StartRate / unit;
        var done = 0.0;
        var start = 0.0;
        foreach (var (target, duration) in stages)
        {
            var to = target / unit;
            var seconds = duration.TotalSeconds;
            var area = seconds * (from + to) / 2;
            if (k < done + area)
            {
                var n = k - done;
                var a = (to - from) / (2 * seconds); // rate(x) = from + 2a x, so area(x) = from x + a x²
                var x = Math.Abs(a) < 1e-12 ? n / from : (-from + Math.Sqrt(Math.Max(0, (from * from) + (4 * a * n)))) / (2 * a);
                return TimeSpan.FromSeconds(start + x);
            }

            done += area;
            start += seconds;
            from = to;
        }

        return null;
    }

    /// <summary>Runs until the duration ends (then waits for in-flight attempts, like gracefulStop) or <see cref="Stop"/>.</summary>
    public async Task RunAsync()
    {
        _startTimestamp = Stopwatch.GetTimestamp();
        var period = _settings.TimeUnit / _settings.Rate;
        var inFlight = new List<Task>();
        for (long k = 0; ; k++)
        {
            var due = _settings.Stages is { } stages ? RampDue(stages, k) : period * k;
            if (due is not { } at || (_settings.Stages is null && at >= _settings.Duration))
            {
                break;
            }

            var wait = at - Stopwatch.GetElapsedTime(_startTimestamp);
            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, _stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            if (_stop.IsCancellationRequested)
            {
                return;
            }

            if (Volatile.Read(ref _inFlight) >= _settings.MaxVus)
            {
                Interlocked.Increment(ref _dropped);
                continue;
            }

            Interlocked.Increment(ref _inFlight);
            inFlight.Add(AttemptAsync(k));
            inFlight.RemoveAll(t => t.IsCompleted);
        }

        await Task.WhenAll(inFlight).ConfigureAwait(false);
    }

    /// <summary>Stops starting attempts and drops those in flight.</summary>
    public void Stop() => _stop.Cancel();

    /// <summary>handleSummary's JSON, in the script's schema.</summary>
    public string SummaryJson()
    {
        double[] sorted;
        lock (_gate)
        {
            sorted = [.. _latencies.Order()];
        }

        var passes = Interlocked.Read(ref _passes);
        var fails = Interlocked.Read(ref _fails);
        var total = passes + fails;
        double? rate = total == 0 ? null : (double)passes / total;
        var p95 = Percentile(sorted, 95);
        var thresholds = new Dictionary<string, bool>
        {
            [$"zd_success: rate>{_settings.ThresholdSuccessRate:0.00}"] = rate > _settings.ThresholdSuccessRate,
            [$"zd_latency: p(95)<{_settings.ThresholdP95Ms:0}"] = p95 < _settings.ThresholdP95Ms,
        };
        return JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["schema"] = "zerodowntime.k6-summary/v1",
            ["generator"] = "k6",
            ["attempts"] = total,
            ["successes"] = passes,
            ["success_rate"] = rate,
            ["p50_ms"] = Percentile(sorted, 50),
            ["p95_ms"] = p95,
            ["p99_ms"] = Percentile(sorted, 99),
            ["dropped_iterations"] = Interlocked.Read(ref _dropped),
            ["duration_ms"] = Stopwatch.GetElapsedTime(_startTimestamp).TotalMilliseconds,
            ["thresholds_ok"] = thresholds.Values.All(ok => ok),
            ["thresholds"] = thresholds,
        }, JsonOptions);
    }

    /// <summary>True when every threshold held (exit 0 rather than 99 at the end of the duration).</summary>
    public bool ThresholdsOk() => JsonDocument.Parse(SummaryJson()).RootElement.GetProperty("thresholds_ok").GetBoolean();

    /// <inheritdoc />
    public void Dispose()
    {
        _stop.Dispose();
        _http.Dispose();
    }

    /// <summary>k6's percentile: linear interpolation between closest ranks; null without samples.</summary>
    internal static double? Percentile(double[] sorted, double p)
    {
        if (sorted.Length == 0)
        {
            return null;
        }

        var rank = p / 100 * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + ((sorted[high] - sorted[low]) * (rank - low));
    }

    private async Task AttemptAsync(long seq)
    {
        var startMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var started = Stopwatch.GetTimestamp();
        int status = 0, errorCode = 0;
        var ok = false;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        timeout.CancelAfter(_settings.RequestTimeout);
        try
        {
            using var request = new HttpRequestMessage(new HttpMethod(_settings.Method), _settings.TargetUrl);
            if (_settings.Method != "GET")
            {
                request.Content = new StringContent(_settings.Body, Encoding.UTF8);
            }

            foreach (var (name, value) in _settings.Headers)
            {
                if (!request.Headers.TryAddWithoutValidation(name, value) && request.Content is not null)
                {
                    request.Content.Headers.Remove(name);
                    request.Content.Headers.TryAddWithoutValidation(name, value);
                }
            }

            using var response = await _http.SendAsync(request, timeout.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
            status = (int)response.StatusCode;
            ok = status == 200 && HasGeneratedText(body);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            Interlocked.Decrement(ref _inFlight);
            return; // k6 drops requests in flight at a stop
        }
        catch (OperationCanceledException)
        {
            errorCode = 1050; // request timeout
        }
        catch (HttpRequestException ex)
        {
            errorCode = ex.InnerException is SocketException { SocketErrorCode: var code } ? code switch
            {
                SocketError.ConnectionRefused => 1212,
                SocketError.ConnectionReset => 1220,
                SocketError.TimedOut => 1211,
                _ => 1200,
            } : ex.HttpRequestError == HttpRequestError.ResponseEnded ? 1220 : 1000;
        }
        catch (IOException)
        {
            errorCode = 1220;
        }

        var latency = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        lock (_gate)
        {
            _latencies.Add(Math.Round(latency));
        }

        Interlocked.Increment(ref ok ? ref _passes : ref _fails);
        K6Console.Log("info", K6Console.AttemptMessage(seq, startMs, (long)Math.Round(latency), status, errorCode, ok));
        Interlocked.Decrement(ref _inFlight);
    }

    private static bool HasGeneratedText(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("generated_text", out var text)
                && text.ValueKind == JsonValueKind.String && text.GetString()!.Length > 0;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
