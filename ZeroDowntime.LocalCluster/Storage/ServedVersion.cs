namespace ZeroDowntime.LocalCluster.Storage;

/// <summary>A version a resource is served in besides its storage version, and how objects convert to it.</summary>
/// <param name="Version">The version, e.g. <c>v1</c> for autoscaling/v1 next to the stored autoscaling/v2.</param>
/// <param name="Converter">Converts between the storage version and <paramref name="Version"/>.</param>
public sealed record ServedVersion(string Version, IVersionConverter Converter);
