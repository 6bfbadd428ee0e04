using System.Text.Json.Nodes;
using k8s.Models;

namespace ZeroDowntime.LocalCluster.Cluster;

/// <summary>
/// A pod's quality-of-service class by Kubernetes' rules (<c>qos.GetPodQOS</c>): only cpu and memory
/// count, over containers and init containers, and a request left out defaults to its limit.
/// Guaranteed: every container limits both cpu and memory and requests equal limits. BestEffort: no
/// cpu or memory request or limit anywhere. Burstable: everything else.
/// </summary>
public static class PodQos
{
    /// <summary>Guaranteed.</summary>
    public const string Guaranteed = "Guaranteed";

    /// <summary>Burstable.</summary>
    public const string Burstable = "Burstable";

    /// <summary>BestEffort.</summary>
    public const string BestEffort = "BestEffort";

    private static readonly string[] Counted = ["cpu", "memory"];

    /// <summary>The class of a pod with <paramref name="spec"/> (a pod's <c>spec</c> as JSON).</summary>
    public static string Of(JsonObject? spec)
    {
        var requests = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var limits = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var guaranteed = true;
        var containers = (spec?["containers"] as JsonArray ?? []).Concat(spec?["initContainers"] as JsonArray ?? []).OfType<JsonObject>();
        foreach (var container in containers)
        {
            var containerLimits = Quantities(container["resources"]?["limits"] as JsonObject);
            var containerRequests = Quantities(container["resources"]?["requests"] as JsonObject);
            foreach (var (name, limit) in containerLimits)
            {
                // The API server defaults a missing request to the limit before classifying.
                containerRequests.TryAdd(name, limit);
            }

            Add(requests, containerRequests);
            Add(limits, containerLimits);
            if (!Counted.All(containerLimits.ContainsKey))
            {
                guaranteed = false;
            }
        }

        if (requests.Count == 0 && limits.Count == 0)
        {
            return BestEffort;
        }

        guaranteed = guaranteed && requests.Count == limits.Count
            && requests.All(r => limits.TryGetValue(r.Key, out var limit) && limit == r.Value);
        return guaranteed ? Guaranteed : Burstable;
    }

    private static Dictionary<string, decimal> Quantities(JsonObject? list)
    {
        var result = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var (name, value) in list ?? [])
        {
            if (Counted.Contains(name) && value is JsonValue v && Parse(v) is { } amount && amount > 0)
            {
                result[name] = amount;
            }
        }

        return result;
    }

    private static decimal? Parse(JsonValue value)
    {
        try
        {
            return new ResourceQuantity(value.ToString()).ToDecimal();
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static void Add(Dictionary<string, decimal> totals, Dictionary<string, decimal> amounts)
    {
        foreach (var (name, amount) in amounts)
        {
            totals[name] = totals.GetValueOrDefault(name) + amount;
        }
    }
}
