using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using ZeroDowntime.LocalCluster.Http;
using ZeroDowntime.LocalCluster.Storage;

namespace ZeroDowntime.LocalCluster.Metrics;

/// <summary>
/// <c>metrics.k8s.io/v1beta1</c> over a <see cref="ResourceMetricsStore"/>, as metrics-server serves it:
/// PodMetrics (per container: CPU over the window, memory) and NodeMetrics (the sum of the node's pods),
/// get and list only (the API has no watch), <c>labelSelector</c> on the pods' and nodes' labels and
/// <c>fieldSelector</c> on <c>metadata.name</c>/<c>metadata.namespace</c>. This is what <c>kubectl top</c> reads.
/// </summary>
public sealed class ResourceMetricsApi : IAggregatedApi
{
    private readonly ResourceMetricsStore _store;

    /// <summary>Serves <paramref name="store"/>.</summary>
    public ResourceMetricsApi(ResourceMetricsStore store) => _store = store ?? throw new ArgumentNullException(nameof(store));

    /// <inheritdoc />
    public string Group => "metrics.k8s.io";

    /// <inheritdoc />
    public string Version => "v1beta1";

    /// <inheritdoc />
    public JsonObject ResourceList() => new()
    {
        ["kind"] = "APIResourceList",
        ["apiVersion"] = "v1",
        ["groupVersion"] = MetricsJson.GroupVersion,
        ["resources"] = new JsonArray(Resource("nodes", "NodeMetrics", false), Resource("pods", "PodMetrics", true)),
    };

    /// <inheritdoc />
    public Task HandleAsync(AggregatedRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var http = request.Http;
        if (!HttpMethods.IsGet(http.Request.Method) || http.Request.Query["watch"] is ["true" or "1"])
        {
            throw ApiException.MethodNotAllowed();
        }

        var labels = LabelSelectorMatcher.Parse(http.Request.Query["labelSelector"]);
        var fields = FieldFilter.Parse(http.Request.Query["fieldSelector"]);
        var api = request.Api;
        var created = api.Timestamp();
        JsonObject body = request.Path switch
        {
            ["nodes"] => MetricsJson.List("NodeMetricsList", Nodes(request, labels, fields, created)),
            ["nodes", var node] => Nodes(request, LabelSelectorMatcher.Everything, FieldFilter.Name(node), created).FirstOrDefault()
                ?? throw NotFound("nodemetrics", node),
            ["pods"] => MetricsJson.List("PodMetricsList", Pods(request, null, labels, fields, created)),
            ["namespaces", var ns, "pods"] => MetricsJson.List("PodMetricsList", Pods(request, ns, labels, fields, created)),
            ["namespaces", var ns, "pods", var pod] => Pods(request, ns, LabelSelectorMatcher.Everything, FieldFilter.Name(pod), created).FirstOrDefault()
                ?? throw NotFound("podmetrics", $"{ns}/{pod}"),
            _ => throw new ApiException(404, "NotFound", "the server could not find the requested resource"),
        };
        return Responses.WriteJsonAsync(http, 200, body);
    }

    private IEnumerable<JsonObject> Pods(AggregatedRequest request, string? ns, LabelSelectorMatcher labels, FieldFilter fields, string created)
    {
        foreach (var usage in _store.ListPods(ns))
        {
            // Only pods the API still has: a pod deleted a moment ago has no metrics either.
            var pod = request.Api.Pods.ListStored(usage.Namespace).FirstOrDefault(p => p.Name == usage.Name && p.Uid == usage.Uid);
            if (pod is not null && labels.Matches(pod.Labels) && fields.Matches(usage.Name, usage.Namespace))
            {
                yield return MetricsJson.Pod(usage, pod.Labels, created);
            }
        }
    }

    private IEnumerable<JsonObject> Nodes(AggregatedRequest request, LabelSelectorMatcher labels, FieldFilter fields, string created)
    {
        var pods = _store.ListPods();
        var now = request.Api.Time.GetUtcNow();
        foreach (var node in request.Api.Nodes.ListStored())
        {
            if (!labels.Matches(node.Labels) || !fields.Matches(node.Name, null))
            {
                continue;
            }

            var on = pods.Where(p => p.Node == node.Name).ToList();
            var timestamp = on.Count > 0 ? on.Max(p => p.Timestamp) : now;
            yield return MetricsJson.Node(node.Name, node.Labels, timestamp, _store.Window, on.Sum(p => p.CpuCores), on.Sum(p => p.MemoryBytes), created);
        }
    }

    private static ApiException NotFound(string resource, string name) =>
        new(404, "NotFound", $"{resource}.metrics.k8s.io \"{name}\" not found");

    private static JsonObject Resource(string name, string kind, bool namespaced) => new()
    {
        ["name"] = name,
        ["singularName"] = "",
        ["namespaced"] = namespaced,
        ["kind"] = kind,
        ["verbs"] = new JsonArray("get", "list"),
    };
}
