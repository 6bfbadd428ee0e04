using Xunit.Sdk;

namespace ZeroDowntime.Fixtures.Xunit;

/// <summary>
/// Runs the test assembly under <see cref="ScenarioTestFramework"/>: steps in number order, scenarios in
/// <see cref="ScenarioAttribute.Order"/>, no parallelization, later steps skipped after a failed one.
/// Being a type (not a type name in a string), it cannot be mistyped.
/// </summary>
/// <example><code>[assembly: ScenarioFramework]</code></example>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
[TestFrameworkDiscoverer(ScenarioTestFrameworkTypeDiscoverer.TypeName, ScenarioTestFrameworkTypeDiscoverer.AssemblyName)]
public sealed class ScenarioFrameworkAttribute : Attribute, ITestFrameworkAttribute
{
}
