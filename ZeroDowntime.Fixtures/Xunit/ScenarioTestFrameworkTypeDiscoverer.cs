using Xunit.Abstractions;
using Xunit.Sdk;

namespace ZeroDowntime.Fixtures.Xunit;

/// <summary>Tells xUnit that <see cref="ScenarioFrameworkAttribute"/> means <see cref="ScenarioTestFramework"/>.</summary>
public sealed class ScenarioTestFrameworkTypeDiscoverer : ITestFrameworkTypeDiscoverer
{
    /// <summary>Full type name, for <see cref="TestFrameworkDiscovererAttribute"/>.</summary>
    public const string TypeName = ExtensionAssembly.Namespace + "." + nameof(ScenarioTestFrameworkTypeDiscoverer);

    /// <summary>Assembly name, for <see cref="TestFrameworkDiscovererAttribute"/>.</summary>
    public const string AssemblyName = ExtensionAssembly.Name;

    /// <inheritdoc/>
    public Type GetTestFrameworkType(IAttributeInfo attribute) => typeof(ScenarioTestFramework);
}
