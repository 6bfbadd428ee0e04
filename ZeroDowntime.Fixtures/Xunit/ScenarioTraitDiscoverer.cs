using Xunit.Abstractions;
using Xunit.Sdk;

namespace ZeroDowntime.Fixtures.Xunit;

/// <summary>Turns <see cref="ScenarioAttribute"/> into the trait <c>Scenario=&lt;name&gt;</c>.</summary>
public sealed class ScenarioTraitDiscoverer : ITraitDiscoverer
{
    /// <summary>Full type name, for <see cref="TraitDiscovererAttribute"/>.</summary>
    public const string TypeName = ExtensionAssembly.Namespace + "." + nameof(ScenarioTraitDiscoverer);

    /// <summary>Assembly name, for <see cref="TraitDiscovererAttribute"/>.</summary>
    public const string AssemblyName = ExtensionAssembly.Name;

    /// <inheritdoc/>
    public IEnumerable<KeyValuePair<string, string>> GetTraits(IAttributeInfo traitAttribute)
    {
        var name = traitAttribute.GetNamedArgument<string>(nameof(ScenarioAttribute.Name));
        yield return new KeyValuePair<string, string>(ScenarioAttribute.TraitName, name);
    }
}
