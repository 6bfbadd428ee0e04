using System.Globalization;

namespace ZeroDowntime.Benchmarks;

/// <summary>Command-line settings: <c>[--runs 1] [--seconds 5] [--connections 64]</c>.</summary>
public sealed record BenchmarkSettings
{
    /// <summary>How many times each comparison runs; the line shows the median and the spread.</summary>
    public int Runs { get; init; } = 1;

    /// <summary>How long each side of a throughput comparison runs.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Connections for both sides (the generator's concurrency cap is the same number: one connection per in-flight attempt).</summary>
    public int Connections { get; init; } = 64;

    /// <summary>Parses the options after the subcommand.</summary>
    public static BenchmarkSettings Parse(IReadOnlyList<string> args)
    {
        int Arg(string name, int fallback) =>
            args.ToList().IndexOf(name) is var i and >= 0 && i + 1 < args.Count ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
        return new BenchmarkSettings
        {
            Runs = Math.Max(1, Arg("--runs", 1)),
            Duration = TimeSpan.FromSeconds(Math.Max(1, Arg("--seconds", 5))),
            Connections = Math.Max(1, Arg("--connections", 64)),
        };
    }
}
