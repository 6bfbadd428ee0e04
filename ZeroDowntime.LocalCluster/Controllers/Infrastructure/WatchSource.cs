using ZeroDowntime.LocalCluster.Cluster;

namespace ZeroDowntime.LocalCluster.Controllers.Infrastructure;

/// <summary>A watched resource and how its events map to the keys a controller reconciles.</summary>
/// <param name="Resource">The resource to watch (all namespaces).</param>
/// <param name="KeysFor">The keys (usually <c>namespace/name</c> of the owning object) an event should enqueue.</param>
public sealed record WatchSource(ResourceClient Resource, Func<ResourceEvent, IEnumerable<string>> KeysFor);
