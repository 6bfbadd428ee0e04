namespace ZeroDowntime.LocalCluster.Storage;

/// <summary>One page of a list.</summary>
/// <param name="Items">Objects in key order.</param>
/// <param name="ResourceVersion">The snapshot's resourceVersion (list metadata.resourceVersion).</param>
/// <param name="Continue">Token for the next page, or null.</param>
/// <param name="RemainingItemCount">How many matching items follow this page, when known.</param>
public sealed record ListPage(IReadOnlyList<StoredObject> Items, long ResourceVersion, string? Continue, long? RemainingItemCount);
