using ZeroDowntime.Fixtures.Measurement;
using ZeroDowntime.Fixtures.Probes;

namespace ZeroDowntime.Fixtures.Cluster;

/// <summary>Single inference requests for validation (baseline, post-validation): sequential, fresh connections, each with its own timeout.</summary>
public static class InferenceCheck
{
    /// <summary>Sends <paramref name="count"/> requests one after another and returns every attempt.</summary>
    public static async Task<IReadOnlyList<AttemptRecord>> SendAsync(InferenceRequest request, int count, TimeSpan timeout, CancellationToken ct = default)
    {
        using var runner = new HttpAttemptRunner(request, timeout, ConnectionMode.FreshConnection, "validation");
        var attempts = new List<AttemptRecord>(count);
        for (var i = 0; i < count; i++)
        {
            if (await runner.RunAsync(i, ct).ConfigureAwait(false) is { } attempt)
            {
                attempts.Add(attempt);
            }
        }

        return attempts;
    }

    /// <summary>"HTTP 503 (HttpStatus)" style description of a failed attempt.</summary>
    public static string Describe(AttemptRecord a) =>
        a.Succeeded ? $"HTTP {a.HttpStatus} in {a.Latency.TotalMilliseconds:0} ms"
            : $"{(a.HttpStatus is { } s ? $"HTTP {s}" : a.ErrorKind.ToString())}{(a.Detail is { Length: > 0 } d ? $": {d}" : "")}";
}
