using System.Reflection;

namespace ZeroDowntime.Fixtures.Configuration;

/// <summary>
/// Every setting, discovered once from the <see cref="SettingAttribute"/> and
/// <see cref="SettingsSectionAttribute"/> declarations on <see cref="ZeroDowntimeSettings"/>.
/// </summary>
internal static class SettingsCatalog
{
    public const string Prefix = "ZD_";
    public const string GeneralTitle = "General";

    /// <summary><c>ZD_*</c> variables that are not settings but are still expected in a test process.</summary>
    public static readonly IReadOnlySet<string> ToolVariables = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "ZD_REGENERATE_DOCS",
        "ZD_BENCHMARK",       // runs the benchmark tests (docs/measurement.md)
        "ZD_IMAGE_MAPPINGS",  // extra image mappings for the embedded cluster's kubelet (docs/local-cluster-kubelet.md)
        "ZD_LOCAL_REDIS",     // what runs redis images in the embedded cluster: auto|redis-server|garnet (docs/local-cluster-kubelet.md)
        "ZD_LOCAL_FAULTS",    // control-plane faults in the embedded cluster's API: PROFILE[:SEED] (docs/local-cluster-faults.md)
        "ZD_LOCAL_RBAC",      // 1: the embedded cluster enforces RBAC and the suite runs with manifests/rbac's ServiceAccount token (docs/rbac.md)
        "ZD_REQUIRE_PYTHON_CLIENT", // 1 (set by .ci/run): the Python conformance self-test fails instead of skipping without python3-kubernetes
    };

    private static readonly Lazy<IReadOnlyList<SettingDescriptor>> Descriptors = new(Discover);

    public static IReadOnlyList<SettingDescriptor> All => Descriptors.Value;

    public static SettingDescriptor Get(string variable) =>
        All.Single(d => string.Equals(d.Variable, variable, StringComparison.Ordinal));

    private static IReadOnlyList<SettingDescriptor> Discover()
    {
        var result = new List<SettingDescriptor>();
        Walk(typeof(ZeroDowntimeSettings), "", [], GeneralTitle, new Dictionary<string, string>(), result);
        return result;
    }

    private static void Walk(
        Type type,
        string keyPrefix,
        IReadOnlyList<PropertyInfo> path,
        string title,
        IReadOnlyDictionary<string, string> sectionDefaults,
        List<SettingDescriptor> result)
    {
        var nullability = new NullabilityInfoContext();
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).OrderBy(p => p.MetadataToken);

        // Direct settings first, then sections: each documentation table stays in one piece.
        foreach (var property in properties.Where(p => p.GetCustomAttribute<SettingAttribute>() is not null))
        {
            var attribute = property.GetCustomAttribute<SettingAttribute>()!;
            var underlying = Nullable.GetUnderlyingType(property.PropertyType);
            sectionDefaults.TryGetValue(attribute.Name, out var sectionDefault);
            var key = keyPrefix + attribute.Name;
            result.Add(new SettingDescriptor
            {
                Variable = Prefix + key,
                FileKey = key.Replace("__", ":", StringComparison.Ordinal),
                Path = [.. path, property],
                Attribute = attribute,
                SectionTitle = title,
                ValueType = underlying ?? property.PropertyType,
                IsOptional = underlying is not null
                    || (!property.PropertyType.IsValueType && nullability.Create(property).WriteState == NullabilityState.Nullable),
                LocalDefault = sectionDefault ?? attribute.LocalDefault ?? attribute.Default,
                ProductionDefault = sectionDefault ?? attribute.ProductionDefault ?? attribute.Default,
            });
        }

        foreach (var property in properties.Where(p => p.GetCustomAttribute<SettingsSectionAttribute>() is not null))
        {
            var section = property.GetCustomAttribute<SettingsSectionAttribute>()!;
            var defaults = section.Defaults
                .Select(pair => pair.Split('=', 2))
                .ToDictionary(parts => parts[0], parts => parts[1], StringComparer.Ordinal);
            Walk(property.PropertyType, keyPrefix + section.Name + "__", [.. path, property], section.Title, defaults, result);
        }
    }
}
