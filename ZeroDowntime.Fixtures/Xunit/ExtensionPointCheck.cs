using System.Reflection;

namespace ZeroDowntime.Fixtures.Xunit;

/// <summary>
/// Finds xUnit attributes whose type-name strings do not load. xUnit v2 ignores such names without a
/// visible error (a mistyped orderer silently means default order), so a suite asserts this list is empty.
/// </summary>
/// <example>
/// <code>
/// [Fact]
/// public void Every_xunit_extension_name_resolves()
///     => ExtensionPointCheck.FindUnresolvedTypeNames(typeof(NodeDrain).Assembly).Should().BeEmpty();
/// </code>
/// </example>
public static class ExtensionPointCheck
{
    // xUnit v2 attributes whose constructor is (string typeName, string assemblyName).
    private static readonly HashSet<string> TypeNameAttributes = new(StringComparer.Ordinal)
    {
        "Xunit.Sdk.TraitDiscovererAttribute",
        "Xunit.Sdk.XunitTestCaseDiscovererAttribute",
        "Xunit.Sdk.TestFrameworkDiscovererAttribute",
        "Xunit.Sdk.DataDiscovererAttribute",
        "Xunit.TestCaseOrdererAttribute",
        "Xunit.TestCollectionOrdererAttribute",
        "Xunit.TestFrameworkAttribute",
    };

    /// <summary>One sentence per attribute in <paramref name="assembly"/> (or on the attribute types it uses) naming a type that does not load.</summary>
    /// <param name="assembly">The test assembly (or extension assembly) to check.</param>
    public static IReadOnlyList<string> FindUnresolvedTypeNames(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var findings = new List<string>();
        var checkedAttributeTypes = new HashSet<Type>();

        void Check(string where, IEnumerable<CustomAttributeData> attributes)
        {
            foreach (var attribute in attributes)
            {
                if (TypeNameAttributes.Contains(attribute.AttributeType.FullName ?? string.Empty) &&
                    attribute.ConstructorArguments is [{ Value: string typeName }, { Value: string assemblyName }] &&
                    !Resolves(typeName, assemblyName))
                {
                    findings.Add($"{where}: [{attribute.AttributeType.Name.Replace("Attribute", string.Empty, StringComparison.Ordinal)}] " +
                                 $"names '{typeName}' in '{assemblyName}', which does not load; xUnit would silently ignore it.");
                }

                // The discoverer of [Scenario] or [Step] sits on the attribute class itself.
                if (checkedAttributeTypes.Add(attribute.AttributeType))
                {
                    Check(attribute.AttributeType.FullName ?? attribute.AttributeType.Name, attribute.AttributeType.GetCustomAttributesData());
                }
            }
        }

        Check("assembly " + assembly.GetName().Name, assembly.GetCustomAttributesData());
        foreach (var type in LoadableTypes(assembly))
        {
            Check(type.FullName ?? type.Name, type.GetCustomAttributesData());
            const BindingFlags declared = BindingFlags.DeclaredOnly | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;
            foreach (var method in type.GetMethods(declared))
            {
                Check($"{type.FullName}.{method.Name}", method.GetCustomAttributesData());
            }
        }

        return findings.Distinct(StringComparer.Ordinal).ToList();
    }

    private static bool Resolves(string typeName, string assemblyName)
    {
        // xUnit substitutes its platform-specific execution assembly the same way.
        var assembly = assemblyName.Replace("{Platform}", "dotnet", StringComparison.Ordinal);
        try
        {
            return Type.GetType($"{typeName}, {assembly}", throwOnError: false) is not null;
        }
        catch (Exception e) when (e is FileLoadException or BadImageFormatException or ArgumentException)
        {
            return false;
        }
    }

    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return e.Types.OfType<Type>();
        }
    }
}
