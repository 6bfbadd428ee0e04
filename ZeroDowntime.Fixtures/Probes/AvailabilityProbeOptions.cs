using ZeroDowntime.Fixtures.Measurement;

namespace ZeroDowntime.Fixtures.Probes;

/// <summary>Settings of an <see cref="AvailabilityProbe"/>; the defaults fit the production profile.</summary>
public sealed record AvailabilityProbeOptions
{
    /// <summary>Attempts per second; 20 by default, so the downtime resolution is 50 ms.</summary>
    public double Rate { get; init; } = 20;

    /// <summary>Each attempt's own timeout; 10 s by default (the seed's <c>curl --max-time 10</c>).</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Fresh connection per attempt (default) or pooled keep-alive.</summary>
    public ConnectionMode ConnectionMode { get; init; } = ConnectionMode.FreshConnection;

    /// <summary>The <see cref="AttemptRecord.Source"/> written on each record.</summary>
    public string Source { get; init; } = AttemptSources.Probe;

    /// <summary>The schedule's period: the resolution of every downtime window the probe measures.</summary>
    public TimeSpan Period => TimeSpan.FromSeconds(1 / Rate);
}
