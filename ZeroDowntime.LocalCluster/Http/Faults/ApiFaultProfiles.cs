using System.Globalization;

namespace ZeroDowntime.LocalCluster.Http.Faults;

/// <summary>The named fault profiles and the <c>PROFILE[:SEED]</c> parser of <c>up --faults</c> and <c>ZD_LOCAL_FAULTS</c>.</summary>
public static class ApiFaultProfiles
{
    /// <summary>The environment variable that turns faults on for an in-process cluster.</summary>
    public const string Variable = "ZD_LOCAL_FAULTS";

    /// <summary>Every profile, in the order the docs list them.</summary>
    public static IReadOnlyList<ApiFaultProfile> All { get; } =
    [
        new() { Name = "latency", Description = "every API call 20-200 ms slower", MinLatency = TimeSpan.FromMilliseconds(20), MaxLatency = TimeSpan.FromMilliseconds(200) },
        new() { Name = "throttle", Description = "10% of GET/PUT/DELETE answered 429 with Retry-After: 1", TooManyRequestsRate = 0.10 },
        new() { Name = "errors", Description = "10% of GET/PUT/DELETE answered 500 or 503", ServerErrorRate = 0.10 },
        new() { Name = "resets", Description = "5% of GET/PUT/DELETE have their connection aborted before the response", ResetRate = 0.05 },
        new() { Name = "watch-drops", Description = "every watch stream closed after 0.2-3 s", WatchCloseAfter = TimeSpan.FromSeconds(3) },
        new() { Name = "watch-expired", Description = "every watch stream closed after 0.2-3 s, and half of the resumes answered 410 Expired", WatchCloseAfter = TimeSpan.FromSeconds(3), ResumeExpiredRate = 0.5 },
        new() { Name = "slow-evictions", Description = "every eviction decided 1 s late", EvictionDelay = TimeSpan.FromSeconds(1) },
        new()
        {
            Name = "mixed", Description = "all of the above at lower rates: 5-50 ms, 3% 429, 3% 5xx, 2% resets, watches closed within 5 s, 25% of resumes 410, evictions 500 ms late",
            MinLatency = TimeSpan.FromMilliseconds(5), MaxLatency = TimeSpan.FromMilliseconds(50), TooManyRequestsRate = 0.03, ServerErrorRate = 0.03,
            ResetRate = 0.02, WatchCloseAfter = TimeSpan.FromSeconds(5), ResumeExpiredRate = 0.25, EvictionDelay = TimeSpan.FromMilliseconds(500),
        },
    ];

    /// <summary>The profile names, comma separated, for messages.</summary>
    public static string Names => string.Join(", ", All.Select(p => p.Name));

    /// <summary>
    /// Parses <c>PROFILE</c> or <c>PROFILE:SEED</c>; without a seed one is drawn (and printed by the host, so the run can be repeated).
    /// </summary>
    /// <exception cref="InvalidDataException">Unknown profile or a seed that is not a non-negative integer; the message names the allowed values.</exception>
    public static ApiFaults Parse(string value, string source)
    {
        var parts = value.Split(':', 2);
        var profile = All.FirstOrDefault(p => string.Equals(p.Name, parts[0].Trim(), StringComparison.Ordinal))
            ?? throw new InvalidDataException($"{source} is '{value}', but the fault profiles are {Names} (optionally followed by :SEED).");
        int seed;
        if (parts.Length == 1)
        {
            seed = Random.Shared.Next();
        }
        else if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out seed))
        {
            throw new InvalidDataException($"{source} is '{value}', but the seed after ':' must be a non-negative integer.");
        }

        return new ApiFaults(profile, seed);
    }

    /// <summary>The faults <c>ZD_LOCAL_FAULTS</c> asks for; null when it is unset or empty.</summary>
    /// <exception cref="InvalidDataException">The variable is set to something that does not parse.</exception>
    public static ApiFaults? FromEnvironment() =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? Parse(value, Variable) : null;
}
