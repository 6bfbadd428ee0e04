namespace ZeroDowntime.LocalCluster.Http.Faults;

/// <summary>
/// A fault profile with its seed: the decisions the API server takes for each call. One seeded
/// generator serves every request, so the seed fixes the sequence of decisions; which request meets
/// which decision still depends on the order requests arrive in.
/// </summary>
public sealed class ApiFaults
{
    private readonly Random _random;
    private readonly Lock _lock = new();
    private long _injected;

    /// <summary>Creates the decisions for <paramref name="profile"/> from <paramref name="seed"/>.</summary>
    public ApiFaults(ApiFaultProfile profile, int seed)
    {
        Profile = profile ?? throw new ArgumentNullException(nameof(profile));
        Seed = seed;
        _random = new Random(seed);
    }

    /// <summary>The profile.</summary>
    public ApiFaultProfile Profile { get; }

    /// <summary>The seed; <c>PROFILE:SEED</c> repeats the sequence.</summary>
    public int Seed { get; }

    /// <summary>Faults injected so far (errors, resets, closed watches, 410s, delayed evictions; not plain latency).</summary>
    public long Injected => Interlocked.Read(ref _injected);

    /// <summary>The line the host prints when it starts with faults.</summary>
    public string Banner =>
        $"zd-local API faults: profile {Profile.Name} ({Profile.Description}), seed {Seed}; {ApiFaultProfiles.Variable}={Profile.Name}:{Seed} repeats the sequence";

    /// <summary>The latency to add to one call.</summary>
    internal TimeSpan NextLatency()
    {
        if (Profile.MaxLatency <= TimeSpan.Zero) return TimeSpan.Zero;
        var span = (Profile.MaxLatency - Profile.MinLatency).TotalMilliseconds;
        return Profile.MinLatency + TimeSpan.FromMilliseconds(span * Next());
    }

    /// <summary>The error fault for one repeatable call, if any.</summary>
    internal ApiFault NextError()
    {
        var total = Profile.TooManyRequestsRate + Profile.ServerErrorRate + Profile.ResetRate;
        if (total <= 0) return ApiFault.None;
        var draw = Next();
        var fault = draw < Profile.TooManyRequestsRate ? ApiFault.TooManyRequests
            : draw < Profile.TooManyRequestsRate + Profile.ServerErrorRate / 2 ? ApiFault.InternalError
            : draw < Profile.TooManyRequestsRate + Profile.ServerErrorRate ? ApiFault.ServiceUnavailable
            : draw < total ? ApiFault.Reset
            : ApiFault.None;
        return Count(fault != ApiFault.None, fault);
    }

    /// <summary>How long one watch stream may stay open; null: as long as the client wants.</summary>
    internal TimeSpan? NextWatchLifetime()
    {
        if (Profile.WatchCloseAfter is not { } max) return null;
        Interlocked.Increment(ref _injected);
        var min = TimeSpan.FromMilliseconds(200);
        return min + TimeSpan.FromMilliseconds(Math.Max(0, (max - min).TotalMilliseconds) * Next());
    }

    /// <summary>Whether a watch resume is answered 410 Expired.</summary>
    internal bool NextResumeExpired()
    {
        var expired = Profile.ResumeExpiredRate > 0 && Next() < Profile.ResumeExpiredRate;
        return Count(expired, expired);
    }

    /// <summary>The delay before an eviction is decided.</summary>
    internal TimeSpan NextEvictionDelay()
    {
        if (Profile.EvictionDelay <= TimeSpan.Zero) return TimeSpan.Zero;
        Interlocked.Increment(ref _injected);
        return Profile.EvictionDelay;
    }

    private T Count<T>(bool injected, T value)
    {
        if (injected) Interlocked.Increment(ref _injected);
        return value;
    }

    private double Next()
    {
        lock (_lock)
        {
            return _random.NextDouble();
        }
    }
}
