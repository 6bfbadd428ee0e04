using System.Globalization;
using System.Runtime.InteropServices;

namespace ZeroDowntime.MockVllm.Connections;

/// <summary>
/// <c>ZeroDowntime.MockVllm connection-client</c>: the connection traffic generator as a program, for
/// an in-cluster Job. It prints <c>ZD_CONNECTIONS_ESTABLISHED N</c> once every connection is up, one
/// <c>ZD_CONNECTION {json}</c> line per connection as it ends, and on SIGTERM/SIGINT (or after
/// <c>--duration</c>) the summary in the seed's shape and a <c>ZD_CONNECTION_SUMMARY {json}</c> line; exit 0.
/// </summary>
public static class ConnectionClientCommand
{
    /// <summary>The first argument that selects this command.</summary>
    public const string Name = "connection-client";

    /// <summary>The line printed once every connection is established.</summary>
    public const string EstablishedPrefix = "ZD_CONNECTIONS_ESTABLISHED ";

    /// <summary>The command's help.</summary>
    public const string Help = """
        Usage: ZeroDowntime.MockVllm connection-client --target HOST:PORT [--flag value]...
        Long-lived TCP connections to a connection listener (--connection-port), each sending requests at a rate.
          --target HOST:PORT      where to connect (required) [env ZD_CONNECTION_TARGET]
          --connections N         connections kept open (default 80)
          --rate R                requests per second per connection (default 5)
          --connect-timeout D     connect and greeting deadline (default 1.5s)
          --read-deadline D       answer deadline; a connection that misses it is lost (default 1s)
          --duration D            stop by itself after this long (default 1h)
        Prints one ZD_CONNECTION {json} line per connection and, at the end, the summary and ZD_CONNECTION_SUMMARY {json}.
        """;

    /// <summary>Runs the command; returns the exit code (0, or 2 for bad flags).</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, IReadOnlyDictionary<string, string?> environment, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (args.Contains("--help"))
        {
            await output.WriteLineAsync(Help).ConfigureAwait(false);
            return 0;
        }

        ConnectionTrafficOptions options;
        TimeSpan duration;
        try
        {
            (options, duration) = Parse(args, environment, output);
        }
        catch (MockVllmOptionsException e)
        {
            await error.WriteLineAsync(e.Message).ConfigureAwait(false);
            return 2;
        }

        using var stop = new CancellationTokenSource(duration);
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
        Write(output, string.Create(CultureInfo.InvariantCulture,
            $"connection-client: {options.Connections} connection(s) to {options.Host}:{options.Port} at {options.RatePerConnection:0.###}/s each"));
        await using var traffic = new ConnectionTrafficClient(options);
        traffic.Start();
        _ = traffic.AllEstablished.ContinueWith(_ => Write(output, EstablishedPrefix + options.Connections.ToString(CultureInfo.InvariantCulture)),
            CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
        await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        var records = await traffic.StopAsync().ConfigureAwait(false);
        var summary = ConnectionSummary.Of(records);
        Write(output, summary.ToText().TrimEnd('\n'));
        Write(output, summary.ToLine());
        return 0;

        void Cancel(PosixSignalContext context)
        {
            context.Cancel = true; // stop cleanly and print the summary instead of dying
            stop.Cancel();
        }
    }

    private static (ConnectionTrafficOptions Options, TimeSpan Duration) Parse(IReadOnlyList<string> args, IReadOnlyDictionary<string, string?> environment, TextWriter output)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (environment.TryGetValue("ZD_CONNECTION_TARGET", out var fromEnv) && !string.IsNullOrWhiteSpace(fromEnv))
        {
            values["target"] = fromEnv.Trim();
        }

        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg[2..] is not ("target" or "connections" or "rate" or "connect-timeout" or "read-deadline" or "duration"))
            {
                throw new MockVllmOptionsException($"Unknown argument '{arg}' for connection-client; see connection-client --help.");
            }

            values[arg[2..]] = i + 1 < args.Count ? args[++i] : throw new MockVllmOptionsException($"Flag '{arg}' needs a value.");
        }

        var target = values.GetValueOrDefault("target") ?? throw new MockVllmOptionsException("connection-client needs --target HOST:PORT.");
        var colon = target.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(target[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw new MockVllmOptionsException($"Invalid value '{target}' for --target: expected HOST:PORT.");
        }

        var defaults = new ConnectionTrafficOptions { Host = "", Port = 1 };
        var options = new ConnectionTrafficOptions
        {
            Host = target[..colon],
            Port = port,
            Connections = values.TryGetValue("connections", out var n) ? Positive("connections", n) : defaults.Connections,
            RatePerConnection = values.TryGetValue("rate", out var r) ? Rate(r) : defaults.RatePerConnection,
            ConnectTimeout = values.TryGetValue("connect-timeout", out var c) ? MockVllmOptions.ParseDuration("connect-timeout", c) : defaults.ConnectTimeout,
            ReadDeadline = values.TryGetValue("read-deadline", out var d) ? MockVllmOptions.ParseDuration("read-deadline", d) : defaults.ReadDeadline,
            OnRecord = record => Write(output, record.ToLine()),
        };
        var duration = values.TryGetValue("duration", out var t) ? MockVllmOptions.ParseDuration("duration", t) : TimeSpan.FromHours(1);
        return (options, duration);
    }

    private static int Positive(string flag, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : throw new MockVllmOptionsException($"Invalid value '{value}' for --{flag}: expected a whole number above 0.");

    private static double Rate(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) && rate > 0 && double.IsFinite(rate)
            ? rate
            : throw new MockVllmOptionsException($"Invalid value '{value}' for --rate: expected a number of requests per second above 0.");

    private static void Write(TextWriter output, string line)
    {
        lock (output)
        {
            output.WriteLine(line);
            output.Flush();
        }
    }
}
