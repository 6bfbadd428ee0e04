namespace ZeroDowntime.Fixtures.Xunit.Demo;

/// <summary>What the steps of a demo scenario hand to each other through <see cref="ScenarioContext{TState}"/>.</summary>
public sealed class Counter
{
    /// <summary>Incremented by each step.</summary>
    public int Value { get; set; }
}
