namespace ZeroDowntime.LocalCluster.Storage;

/// <summary>How dependents of a deleted owner are treated (metav1.DeletionPropagation).</summary>
public enum PropagationPolicy
{
    /// <summary>The owner goes at once; the garbage collector deletes dependents afterwards.</summary>
    Background,

    /// <summary>Dependents lose their ownerReference to the owner and stay.</summary>
    Orphan,

    /// <summary>The owner stays (finalizer <c>foregroundDeletion</c>) until its dependents are gone.</summary>
    Foreground,
}

/// <summary>
/// One REST resource the local API server serves: its group/version, names and the behaviour
/// the store applies to it. Instances are immutable and compared by reference.
/// </summary>
/// <example><code>var pods = ResourceCatalog.Default.Get("", "pods");</code></example>
public sealed class ResourceType
{
    /// <summary>API group; empty for the core (legacy) group.</summary>
    public required string Group { get; init; }

    /// <summary>Version, e.g. <c>v1</c>.</summary>
    public required string Version { get; init; }

    /// <summary>Plural resource name used in URLs, e.g. <c>pods</c>.</summary>
    public required string Plural { get; init; }

    /// <summary>Singular name, e.g. <c>pod</c>.</summary>
    public required string Singular { get; init; }

    /// <summary>Kind, e.g. <c>Pod</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>True when objects live in a namespace.</summary>
    public required bool Namespaced { get; init; }

    /// <summary>kubectl short names, e.g. <c>po</c>.</summary>
    public IReadOnlyList<string> ShortNames { get; init; } = [];

    /// <summary>Discovery categories, e.g. <c>all</c>.</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>True when the resource has a <c>/status</c> subresource (main updates then keep status).</summary>
    public bool HasStatus { get; init; } = true;

    /// <summary>True when the resource has a <c>/scale</c> subresource backed by <c>spec.replicas</c>.</summary>
    public bool HasScale { get; init; }

    /// <summary>True when metadata.generation is maintained (bumped on spec changes).</summary>
    public bool TracksGeneration { get; init; }

    /// <summary>Propagation used when a delete request names none (Orphan for batch/v1 Jobs).</summary>
    public PropagationPolicy DefaultPropagation { get; init; } = PropagationPolicy.Background;

    /// <summary>Field selector labels beyond metadata.name/namespace, each mapped to a JSON path.</summary>
    public IReadOnlyDictionary<string, string[]> SelectableFields { get; init; } = new Dictionary<string, string[]>();

    /// <summary>Other subresources advertised in discovery: name to (group, version, kind, verbs).</summary>
    public IReadOnlyList<SubresourceInfo> ExtraSubresources { get; init; } = [];

    /// <summary>
    /// Versions served besides <see cref="Version"/> (the storage version), each with its converter;
    /// discovery lists them after the storage version, which stays the preferred one.
    /// </summary>
    public IReadOnlyList<ServedVersion> OtherVersions { get; init; } = [];

    /// <summary>Every version served: the storage version first.</summary>
    public IEnumerable<string> Versions => OtherVersions.Select(v => v.Version).Prepend(Version);

    /// <summary><c>group/version</c>, or just the version for the core group.</summary>
    public string ApiVersion => ApiVersionOf(Version);

    /// <summary>True when <paramref name="version"/> is served.</summary>
    public bool Serves(string version) => version == Version || OtherVersions.Any(v => v.Version == version);

    /// <summary>The converter for <paramref name="version"/>; null for the storage version (and for versions not served).</summary>
    public IVersionConverter? ConverterFor(string version) => OtherVersions.FirstOrDefault(v => v.Version == version)?.Converter;

    /// <summary><c>group/version</c> for one of this resource's versions.</summary>
    public string ApiVersionOf(string version) => Group.Length == 0 ? version : $"{Group}/{version}";

    /// <summary>The list kind, e.g. <c>PodList</c>.</summary>
    public string ListKind => Kind + "List";

    /// <summary>Resource name qualified by group as used in error messages: <c>pods</c>, <c>deployments.apps</c>.</summary>
    public string QualifiedName => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    /// <inheritdoc />
    public override string ToString() => $"{ApiVersion}/{Plural}";
}

/// <summary>A subresource advertised in discovery (for example <c>pods/eviction</c> as policy/v1 Eviction).</summary>
/// <param name="Name">The subresource name, e.g. <c>eviction</c>.</param>
/// <param name="Kind">The kind it accepts or returns.</param>
/// <param name="Verbs">Discovery verbs.</param>
/// <param name="Group">Group of <paramref name="Kind"/> when it differs from the parent's.</param>
/// <param name="Version">Version of <paramref name="Kind"/> when it differs from the parent's.</param>
public sealed record SubresourceInfo(string Name, string Kind, string[] Verbs, string? Group = null, string? Version = null);
