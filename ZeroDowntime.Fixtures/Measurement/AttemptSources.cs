namespace ZeroDowntime.Fixtures.Measurement;

/// <summary>The <see cref="AttemptRecord.Source"/> values the suite writes.</summary>
public static class AttemptSources
{
    /// <summary>The in-process availability probe.</summary>
    public const string Probe = "probe";

    /// <summary>The built-in load generator.</summary>
    public const string BuiltInLoad = "builtin-load";

    /// <summary>The k6 Job, from its per-attempt log lines.</summary>
    public const string K6 = "k6";
}
