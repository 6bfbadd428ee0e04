namespace ZeroDowntime.LocalCluster.Storage;

/// <summary>
/// The resources the local API server knows. <see cref="Default"/> holds the built-in set
/// (core/v1, apps/v1, batch/v1, policy/v1, autoscaling/v2 and v1, networking.k8s.io/v1, discovery.k8s.io/v1, coordination.k8s.io/v1).
/// </summary>
public sealed partial class ResourceCatalog
{
    private readonly List<ResourceType> _types = [];
    private readonly Dictionary<(string Group, string Plural), ResourceType> _byPlural = [];
    private readonly Dictionary<(string ApiVersion, string Kind), ResourceType> _byKind = [];

    /// <summary>Creates a catalog holding <paramref name="types"/>.</summary>
    public ResourceCatalog(IEnumerable<ResourceType> types)
    {
        foreach (var type in types)
        {
            Add(type);
        }
    }

    /// <summary>A fresh catalog with the built-in resources.</summary>
    public static ResourceCatalog Default => new(BuiltinTypes());

    /// <summary>All resources, in registration order.</summary>
    public IReadOnlyList<ResourceType> All => _types;

    /// <summary>Adds a resource (for example one a controller needs that is not built in).</summary>
    public void Add(ResourceType type)
    {
        if (!_byPlural.TryAdd((type.Group, type.Plural), type))
        {
            throw new ArgumentException($"resource {type.QualifiedName} is already registered", nameof(type));
        }

        foreach (var version in type.Versions)
        {
            _byKind[(type.ApiVersionOf(version), type.Kind)] = type;
        }

        _types.Add(type);
    }

    /// <summary>Finds a resource by group and plural, or null.</summary>
    public ResourceType? Find(string group, string plural) => _byPlural.GetValueOrDefault((group, plural));

    /// <summary>Finds a resource by group and plural, or throws.</summary>
    public ResourceType Get(string group, string plural) =>
        Find(group, plural) ?? throw new KeyNotFoundException($"unknown resource {plural} in group '{group}'");

    /// <summary>Finds a resource by apiVersion and kind, or null; any served version finds it (autoscaling/v1 and v2 name one resource).</summary>
    public ResourceType? FindKind(string apiVersion, string kind) => _byKind.GetValueOrDefault((apiVersion, kind));

    /// <summary>The group versions served, core first; in each group the storage versions before the others.</summary>
    public IEnumerable<(string Group, string Version)> GroupVersions =>
        _types.Select(t => (t.Group, t.Version)).Concat(_types.SelectMany(t => t.OtherVersions.Select(v => (t.Group, v.Version)))).Distinct();

    /// <summary>The versions of <paramref name="group"/>, preferred (storage) first.</summary>
    public IReadOnlyList<string> VersionsOf(string group) =>
        GroupVersions.Where(gv => gv.Group == group).Select(gv => gv.Version).ToList();
}
