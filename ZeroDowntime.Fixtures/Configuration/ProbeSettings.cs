namespace ZeroDowntime.Fixtures.Configuration;

/// <summary>The in-process availability probe (<c>ZD_PROBE__*</c>).</summary>
public sealed class ProbeSettings
{
    /// <summary>Attempts per second, open-loop: a hung service does not slow the probe down.</summary>
    [Setting("RATE", "Probe attempts per second (open-loop); the downtime resolution is one probe period.",
        Default = "20", Minimum = 0.1, Maximum = 1000)]
    public double RatePerSecond { get; init; }

    /// <summary>Whether each attempt opens a fresh connection or reuses pooled ones.</summary>
    [Setting("MODE", "fresh-connection opens a new TCP connection per attempt; keep-alive reuses pooled connections.",
        Default = "fresh-connection")]
    public ProbeMode Mode { get; init; }

    /// <summary>An attempt that takes longer than this counts as a failure.</summary>
    [Setting("TIMEOUT", "An attempt slower than this counts as failed.", LocalDefault = "5s", ProductionDefault = "10s")]
    public TimeSpan Timeout { get; init; }

    /// <summary>The time between two attempt starts.</summary>
    public TimeSpan Period => TimeSpan.FromSeconds(1 / RatePerSecond);
}
