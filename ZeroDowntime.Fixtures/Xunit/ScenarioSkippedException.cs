namespace ZeroDowntime.Fixtures.Xunit;

/// <summary>
/// Thrown by a step that finds the scenario cannot apply here (a variant the cluster does not support):
/// the scenario framework reports the step skipped with <see cref="Exception.Message"/> as the reason, and
/// every later step of the scenario skipped with the same reason. Not a failure.
/// </summary>
public sealed class ScenarioSkippedException : Exception
{
    /// <summary>Creates the exception; <paramref name="reason"/> is what the test explorer, TRX and JUnit show.</summary>
    public ScenarioSkippedException(string reason)
        : base(reason)
    {
    }

    /// <summary>Creates the exception with a generic reason.</summary>
    public ScenarioSkippedException()
        : base("skipped: the scenario does not apply to this cluster")
    {
    }

    /// <summary>Creates the exception wrapping <paramref name="inner"/>.</summary>
    public ScenarioSkippedException(string reason, Exception inner)
        : base(reason, inner)
    {
    }
}
