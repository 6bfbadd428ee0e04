namespace ZeroDowntime.K6Double;

/// <summary>How the double misbehaves, to exercise the load fixture's generator-failure handling.</summary>
public enum FailureMode
{
    /// <summary>Behaves like k6 running the script.</summary>
    None,

    /// <summary>Prints a script exception and exits 107 at once, like k6 whose script throws in init.</summary>
    CrashOnStart,

    /// <summary>Prints nothing, opens no API, sends nothing: a container that never gets going.</summary>
    NeverStart,

    /// <summary>Sends load, but accepts stop requests without stopping and never prints a summary (SIGTERM kills it summary-less).</summary>
    Hang,
}
