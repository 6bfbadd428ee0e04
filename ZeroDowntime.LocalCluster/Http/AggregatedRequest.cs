using Microsoft.AspNetCore.Http;
using ZeroDowntime.LocalCluster.Cluster;

namespace ZeroDowntime.LocalCluster.Http;

/// <summary>A request for an <see cref="IAggregatedApi"/>: the HTTP exchange, the cluster, and the path segments after the version.</summary>
/// <param name="Http">The exchange (query string, method, response).</param>
/// <param name="Api">The cluster (to read pods and nodes).</param>
/// <param name="Path">Segments after <c>/apis/GROUP/VERSION/</c>, e.g. <c>["namespaces", "default", "pods"]</c>.</param>
public sealed record AggregatedRequest(HttpContext Http, ClusterApi Api, IReadOnlyList<string> Path);
