namespace ZeroDowntime.Fixtures.Xunit;

/// <summary>
/// Thrown by a step when its scenario cannot run here (not failed: not applicable): the step, and every later step of
/// the scenario, is reported skipped with <see cref="Exception.Message"/> as the reason, in the test explorer, TRX and JUnit.
/// </summary>
/// <example><code>
/// if (answer.Primary is null)
/// {
///     throw new ScenarioSkipException("redis-server is not installed; the Garnet stand-in has no Sentinel");
/// }
/// </code></example>
public sealed class ScenarioSkipException : Exception
{
    /// <summary>Creates the exception with the skip reason.</summary>
    public ScenarioSkipException(string reason)
        : base(reason)
    {
    }

    /// <summary>For serializers; prefer the reason overload.</summary>
    public ScenarioSkipException()
    {
    }

    /// <summary>For serializers; prefer the reason overload.</summary>
    public ScenarioSkipException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
