using System.Globalization;
using System.Text.Json.Nodes;

namespace ZeroDowntime.LocalCluster.Metrics;

/// <summary>metrics.k8s.io/v1beta1 objects as metrics-server writes them: CPU in nanocores (<c>12345678n</c>), memory in Ki, the window as a Go duration.</summary>
internal static class MetricsJson
{
    public const string GroupVersion = "metrics.k8s.io/v1beta1";

    public static JsonObject Pod(PodUsage usage, IReadOnlyDictionary<string, string>? labels, string created) => new()
    {
        ["kind"] = "PodMetrics",
        ["apiVersion"] = GroupVersion,
        ["metadata"] = Metadata(usage.Name, usage.Namespace, labels, created),
        ["timestamp"] = Time(usage.Timestamp),
        ["window"] = Duration(usage.Window),
        ["containers"] = new JsonArray(usage.Containers.Select(c => (JsonNode)new JsonObject
        {
            ["name"] = c.Name,
            ["usage"] = Usage(c.CpuCores, c.MemoryBytes),
        }).ToArray()),
    };

    public static JsonObject Node(string name, IReadOnlyDictionary<string, string>? labels, DateTimeOffset timestamp, TimeSpan window, double cpuCores, long memoryBytes, string created) => new()
    {
        ["kind"] = "NodeMetrics",
        ["apiVersion"] = GroupVersion,
        ["metadata"] = Metadata(name, null, labels, created),
        ["timestamp"] = Time(timestamp),
        ["window"] = Duration(window),
        ["usage"] = Usage(cpuCores, memoryBytes),
    };

    public static JsonObject List(string kind, IEnumerable<JsonObject> items) => new()
    {
        ["kind"] = kind,
        ["apiVersion"] = GroupVersion,
        ["metadata"] = new JsonObject(),
        ["items"] = new JsonArray(items.Select(i => (JsonNode)i).ToArray()),
    };

    /// <summary>Nanocores, as metrics-server reports CPU.</summary>
    public static string Cpu(double cores) => ((long)Math.Round(cores * 1e9)).ToString(CultureInfo.InvariantCulture) + "n";

    /// <summary>Bytes as a binary-SI quantity: Ki when whole kibibytes (resident pages always are), else plain bytes.</summary>
    public static string Memory(long bytes) =>
        bytes % 1024 == 0 ? (bytes / 1024).ToString(CultureInfo.InvariantCulture) + "Ki" : bytes.ToString(CultureInfo.InvariantCulture);

    /// <summary>A Go duration string: <c>5.012s</c>.</summary>
    public static string Duration(TimeSpan window) => window.TotalSeconds.ToString("0.#########", CultureInfo.InvariantCulture) + "s";

    private static JsonObject Usage(double cpuCores, long memoryBytes) => new() { ["cpu"] = Cpu(cpuCores), ["memory"] = Memory(memoryBytes) };

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static JsonObject Metadata(string name, string? ns, IReadOnlyDictionary<string, string>? labels, string created)
    {
        var metadata = new JsonObject { ["name"] = name };
        if (ns is not null)
        {
            metadata["namespace"] = ns;
        }

        metadata["creationTimestamp"] = created;
        if (labels is { Count: > 0 })
        {
            metadata["labels"] = new JsonObject(labels.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)l.Value)));
        }

        return metadata;
    }
}
