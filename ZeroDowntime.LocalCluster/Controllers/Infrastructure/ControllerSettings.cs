namespace ZeroDowntime.LocalCluster.Controllers.Infrastructure;

/// <summary>What every reconciling controller shares: where failures are logged and how often it resyncs.</summary>
public sealed record ControllerSettings
{
    /// <summary>Where reconcile failures are written; default standard error.</summary>
    public TextWriter Log { get; init; } = Console.Error;

    /// <summary>Safety-net period after which every object is reconciled again; default 30 s.</summary>
    public TimeSpan ResyncPeriod { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Delay before retrying a key whose reconcile failed; default 500 ms.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(500);
}
