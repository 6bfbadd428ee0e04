using Xunit.Sdk;

namespace ZeroDowntime.Fixtures.Xunit;

/// <summary>
/// Marks a test class as one scenario: adds the trait <c>Scenario=&lt;name&gt;</c> to every test in it
/// (so <c>dotnet test --filter Scenario=NodeDrain</c> selects exactly that scenario) and places the class
/// in the suite's run order.
/// </summary>
/// <example>
/// <code>
/// [Scenario("NodeDrain", Order = 30)]
/// [Collection(ClusterCollection.Name)]
/// public sealed class NodeDrain(ScenarioContext&lt;NodeDrainState&gt; context) : IClassFixture&lt;ScenarioContext&lt;NodeDrainState&gt;&gt;
/// {
///     [Step(1, "Cordon the node")]
///     public async Task Cordon() { ... }
/// }
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
[TraitDiscoverer(ScenarioTraitDiscoverer.TypeName, ScenarioTraitDiscoverer.AssemblyName)]
public sealed class ScenarioAttribute : Attribute, ITraitAttribute
{
    /// <summary>The trait name filters use: <c>--filter Scenario=NodeDrain</c>.</summary>
    public const string TraitName = "Scenario";

    /// <summary>Order value that runs a scenario before every other one (pre-validation).</summary>
    public const int RunFirst = int.MinValue;

    /// <summary>Order value that runs a scenario after every other one (post-validation).</summary>
    public const int RunLast = int.MaxValue;

    /// <summary>Creates the attribute.</summary>
    /// <param name="name">Scenario name: the trait value and the prefix of every step's display name.</param>
    public ScenarioAttribute(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <summary>Scenario name, e.g. <c>NodeDrain</c>.</summary>
    public string Name { get; }

    /// <summary>
    /// Position in a whole-suite run: lower runs earlier; equal orders run by scenario name.
    /// Default 0. Use <see cref="RunFirst"/> and <see cref="RunLast"/> for pre- and post-validation.
    /// </summary>
    public int Order { get; set; }
}
