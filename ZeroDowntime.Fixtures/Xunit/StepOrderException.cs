namespace ZeroDowntime.Fixtures.Xunit;

/// <summary>
/// Fails a step that would run out of order, twice, or outside the scenario framework: the suite
/// never silently falls back to xUnit's default order.
/// </summary>
public sealed class StepOrderException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong and how to fix it, in one or two sentences.</param>
    public StepOrderException(string message)
        : base(message)
    {
    }
}
