using System.Text.Json.Nodes;

namespace ZeroDowntime.LocalCluster.Http;

/// <summary>
/// An API group/version served by something other than the object store, as an extension API
/// server behind an APIService is on a real cluster (metrics-server's <c>metrics.k8s.io</c>). The API
/// server lists it in <c>/apis</c>, answers its discovery documents and hands it every request under
/// <c>/apis/GROUP/VERSION/</c>. Register in <see cref="LocalClusterOptions.AggregatedApis"/>.
/// </summary>
public interface IAggregatedApi
{
    /// <summary>The API group, e.g. <c>metrics.k8s.io</c>.</summary>
    string Group { get; }

    /// <summary>The version, e.g. <c>v1beta1</c>.</summary>
    string Version { get; }

    /// <summary>The APIResourceList served at <c>/apis/GROUP/VERSION</c>.</summary>
    JsonObject ResourceList();

    /// <summary>Answers a request under <c>/apis/GROUP/VERSION/</c>; throw a Storage <c>ApiException</c> for an error Status.</summary>
    Task HandleAsync(AggregatedRequest request);
}
