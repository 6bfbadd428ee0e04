using System.Globalization;
using ZeroDowntime.Fixtures.Probes;

namespace ZeroDowntime.Fixtures.Load;

/// <summary>
/// The k6 load script (<c>k6/zero-downtime.js</c>, embedded in this assembly) and the environment
/// that makes it honour a <see cref="LoadOptions"/>. The k6 Job fixture puts <see cref="Text"/> in a
/// ConfigMap and <see cref="Environment"/> in the container's env.
/// </summary>
public static class K6Script
{
    /// <summary>The file name the script has in the repository and in the ConfigMap.</summary>
    public const string FileName = "zero-downtime.js";

    /// <summary>The script's source text.</summary>
    public static string Text { get; } = LoadText();

    /// <summary>
    /// The script's environment for <paramref name="options"/>. A fractional per-second rate is
    /// expressed per minute (k6's arrival rate is an integer per time unit).
    /// </summary>
    public static IReadOnlyDictionary<string, string> Environment(LoadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var inv = CultureInfo.InvariantCulture;
        var perSecond = options.Rate == Math.Floor(options.Rate);
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["TARGET_URL"] = options.Request.Uri.ToString(),
            ["METHOD"] = options.Request.Method.Method,
            ["RATE"] = (perSecond ? options.Rate : Math.Round(options.Rate * 60)).ToString("0", inv),
            ["TIME_UNIT"] = perSecond ? "1s" : "1m",
            ["MAX_VUS"] = options.MaxConcurrency.ToString(inv),
            ["DURATION"] = Seconds(options.Duration),
            ["REQUEST_TIMEOUT"] = Seconds(options.RequestTimeout),
        };
        if (options.ConnectionMode == ConnectionMode.FreshConnection)
        {
            variables["NO_CONNECTION_REUSE"] = "true";
        }

        if (options.Stages is { Count: > 0 } stages)
        {
            AddStages(variables, stages, options.Duration);
        }

        if (options.Request.JsonBody is { } body)
        {
            variables["BODY"] = body;
        }

        if (options.Request.Headers.Count > 0)
        {
            variables["HEADERS"] = System.Text.Json.JsonSerializer.Serialize(options.Request.Headers);
        }

        return variables;
    }

    /// <summary>
    /// <c>STAGES</c> for <c>ramping-arrival-rate</c>: each step is a 0 s jump to its rate and a hold (k6 ramps
    /// linearly within a stage); a last stage keeps the final rate until <paramref name="duration"/>.
    /// Fractional rates go per minute, as for the constant rate.
    /// </summary>
    private static void AddStages(Dictionary<string, string> variables, IReadOnlyList<LoadStage> stages, TimeSpan duration)
    {
        var perSecond = stages.All(s => s.Rate == Math.Floor(s.Rate));
        long Target(double rate) => (long)Math.Round(perSecond ? rate : rate * 60);
        var list = new System.Text.Json.Nodes.JsonArray();
        var total = TimeSpan.Zero;
        foreach (var stage in stages)
        {
            list.Add(new System.Text.Json.Nodes.JsonObject { ["target"] = Target(stage.Rate), ["duration"] = "0s" });
            list.Add(new System.Text.Json.Nodes.JsonObject { ["target"] = Target(stage.Rate), ["duration"] = Seconds(stage.Duration) });
            total += stage.Duration;
        }

        if (duration > total)
        {
            list.Add(new System.Text.Json.Nodes.JsonObject { ["target"] = Target(stages[^1].Rate), ["duration"] = Seconds(duration - total) });
        }

        variables["STAGES"] = list.ToJsonString();
        variables["START_RATE"] = Target(stages[0].Rate).ToString(CultureInfo.InvariantCulture);
        variables["RATE"] = variables["START_RATE"];
        variables["TIME_UNIT"] = perSecond ? "1s" : "1m";
    }

    private static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s";

    private static string LoadText()
    {
        using var stream = typeof(K6Script).Assembly.GetManifestResourceStream(FileName)
            ?? throw new InvalidOperationException($"The embedded k6 script '{FileName}' is missing from {typeof(K6Script).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
