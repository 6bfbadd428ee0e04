using Xunit;
using Xunit.Sdk;

namespace ZeroDowntime.Fixtures.Xunit;

/// <summary>
/// One step of a scenario: a test that runs in step-number order within its class, shows as
/// <c>NodeDrain › 04 Cordon the node</c>, and is reported skipped
/// (<c>skipped: step N '&lt;name&gt;' failed</c>) when an earlier step of the same class failed.
/// Needs <c>[assembly: ScenarioFramework]</c> in the test assembly; without it every step fails and says so.
/// </summary>
/// <example>
/// <code>
/// [Step(4, "Cordon the node")]
/// public async Task Cordon() => await drainer.CordonAsync(context.State.Node);
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
[XunitTestCaseDiscoverer(StepTestCaseDiscoverer.TypeName, StepTestCaseDiscoverer.AssemblyName)]
public sealed class StepAttribute : FactAttribute
{
    /// <summary>A step named after its method (<c>Cordon_the_node</c> reads "Cordon the node").</summary>
    /// <param name="number">Step number, 1 or more, unique within the class.</param>
    public StepAttribute(int number)
        : this(number, null)
    {
    }

    /// <summary>A step with an explicit name.</summary>
    /// <param name="number">Step number, 1 or more, unique within the class.</param>
    /// <param name="name">What the step does, as the reader of a report should see it.</param>
    public StepAttribute(int number, string? name)
    {
        Number = number;
        Name = name;
    }

    /// <summary>Step number; steps of a class run in ascending order.</summary>
    public int Number { get; }

    /// <summary>Step name; <c>null</c> means "derived from the method name".</summary>
    public string? Name { get; }
}
