using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ZeroDowntime.K6Double;

/// <summary>The script's environment (same names and defaults as <c>k6/zero-downtime.js</c>) plus the double's own flags.</summary>
public sealed partial record DoubleSettings
{
    /// <summary>Where requests go.</summary>
    public required Uri TargetUrl { get; init; }

    /// <summary>HTTP method.</summary>
    public string Method { get; init; } = "POST";

    /// <summary>Iterations per <see cref="TimeUnit"/>.</summary>
    public int Rate { get; init; } = 5;

    /// <summary>ramping-arrival-rate stages from <c>STAGES</c> (targets per <see cref="TimeUnit"/>), or null for a constant rate.</summary>
    public IReadOnlyList<(double Target, TimeSpan Duration)>? Stages { get; init; }

    /// <summary>The ramp's start rate per <see cref="TimeUnit"/> (<c>START_RATE</c>, default <see cref="Rate"/>).</summary>
    public double StartRate { get; init; }

    /// <summary>The arrival-rate time unit.</summary>
    public TimeSpan TimeUnit { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Concurrency cap (maxVUs).</summary>
    public int MaxVus { get; init; } = 10;

    /// <summary>How long the scenario runs.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Per-request timeout.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>k6's <c>noConnectionReuse</c> (<c>NO_CONNECTION_REUSE=true</c>): a new connection per request.</summary>
    public bool NoConnectionReuse { get; init; }

    /// <summary>Request body.</summary>
    public string Body { get; init; } = "";

    /// <summary>Request headers (Content-Type included).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>zd_success must be above this.</summary>
    public double ThresholdSuccessRate { get; init; } = 0.90;

    /// <summary>p(95) of zd_latency must be below this many ms.</summary>
    public double ThresholdP95Ms { get; init; } = 5000;

    /// <summary>File the summary JSON is also written to; null unless TERMINATION_LOG is set (no /dev/termination-log on a host).</summary>
    public string? TerminationLog { get; init; }

    /// <summary>REST API address (host:port) from <c>--address</c>; null: no API.</summary>
    public string? Address { get; init; }

    /// <summary>The failure to simulate.</summary>
    public FailureMode Failure { get; init; }

    /// <summary>Reads the command line and environment like k6 and the script do.</summary>
    /// <exception cref="ArgumentException">A value is invalid (the message names it, like the script's own errors).</exception>
    public static DoubleSettings Parse(IReadOnlyList<string> args, IReadOnlyDictionary<string, string> env)
    {
        string Env(string name, string fallback) => env.TryGetValue(name, out var v) && v.Length > 0 ? v : fallback;
        int Positive(string name, int fallback)
        {
            var text = Env(name, fallback.ToString(CultureInfo.InvariantCulture));
            return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"{name} must be a positive integer, got '{text}'");
        }

        string? address = null;
        var failure = Env("K6_DOUBLE_FAIL", "none");
        foreach (var arg in args)
        {
            if (arg.StartsWith("--address=", StringComparison.Ordinal))
            {
                address = arg["--address=".Length..];
            }
            else if (arg.StartsWith("--fail=", StringComparison.Ordinal))
            {
                failure = arg["--fail=".Length..];
            }
        }

        var mode = failure switch
        {
            "none" or "" => FailureMode.None,
            "crash-on-start" => FailureMode.CrashOnStart,
            "never-start" => FailureMode.NeverStart,
            "hang" => FailureMode.Hang,
            _ => throw new ArgumentException($"--fail must be none, crash-on-start, never-start or hang, got '{failure}'"),
        };
        var target = Env("TARGET_URL", "");
        if (mode is FailureMode.None or FailureMode.Hang && !Uri.TryCreate(target, UriKind.Absolute, out _))
        {
            throw new ArgumentException("TARGET_URL is required");
        }

        var body = Env("BODY", JsonSerializer.Serialize(new
        {
            prompt = Env("PROMPT", "What is the capital of France?"),
            max_tokens = double.Parse(Env("MAX_TOKENS", "50"), CultureInfo.InvariantCulture),
            temperature = double.Parse(Env("TEMPERATURE", "0.7"), CultureInfo.InvariantCulture),
        }));
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Content-Type"] = "application/json" };
        foreach (var (k, v) in JsonSerializer.Deserialize<Dictionary<string, string>>(Env("HEADERS", "{}")) ?? [])
        {
            headers[k] = v;
        }

        return new DoubleSettings
        {
            TargetUrl = Uri.TryCreate(target, UriKind.Absolute, out var uri) ? uri : new Uri("http://127.0.0.1:9/"),
            Method = Env("METHOD", "POST"),
            Rate = Positive("RATE", 5),
            Stages = env.TryGetValue("STAGES", out var stages) && stages.Length > 0 ? ParseStages(stages) : null,
            StartRate = double.Parse(Env("START_RATE", Env("RATE", "5")), CultureInfo.InvariantCulture),
            TimeUnit = ParseDuration(Env("TIME_UNIT", "1s")),
            MaxVus = Positive("MAX_VUS", 10),
            Duration = ParseDuration(Env("DURATION", "10m")),
            RequestTimeout = ParseDuration(Env("REQUEST_TIMEOUT", "30s")),
            NoConnectionReuse = Env("NO_CONNECTION_REUSE", "false").Equals("true", StringComparison.OrdinalIgnoreCase),
            Body = body,
            Headers = headers,
            ThresholdSuccessRate = double.Parse(Env("THRESHOLD_SUCCESS_RATE", "0.90"), CultureInfo.InvariantCulture),
            ThresholdP95Ms = double.Parse(Env("THRESHOLD_P95_MS", "5000"), CultureInfo.InvariantCulture),
            TerminationLog = env.TryGetValue("TERMINATION_LOG", out var log) && log.Length > 0 ? log : null,
            Address = address,
            Failure = mode,
        };
    }

    /// <summary>Parses <c>STAGES</c>: a JSON array of <c>{"target": n, "duration": "30s"}</c>.</summary>
    public static IReadOnlyList<(double Target, TimeSpan Duration)> ParseStages(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateArray()
            .Select(s => (s.GetProperty("target").GetDouble(), ParseDuration(s.GetProperty("duration").GetString() ?? ""))).ToList();
    }

    /// <summary>Parses a k6 duration: <c>500ms</c>, <c>30s</c>, <c>1.5s</c>, <c>1m30s</c>, <c>1h</c>.</summary>
    public static TimeSpan ParseDuration(string text)
    {
        var matches = DurationPart().Matches(text);
        if (matches.Count == 0 || string.Concat(matches.Select(m => m.Value)) != text)
        {
            throw new ArgumentException($"'{text}' is not a duration");
        }

        var total = TimeSpan.Zero;
        foreach (Match m in matches)
        {
            var n = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            total += m.Groups[2].Value switch
            {
                "ms" => TimeSpan.FromMilliseconds(n),
                "s" => TimeSpan.FromSeconds(n),
                "m" => TimeSpan.FromMinutes(n),
                _ => TimeSpan.FromHours(n),
            };
        }

        return total;
    }

    [GeneratedRegex(@"(\d+(?:\.\d+)?)(ms|s|m|h)")]
    private static partial Regex DurationPart();
}
