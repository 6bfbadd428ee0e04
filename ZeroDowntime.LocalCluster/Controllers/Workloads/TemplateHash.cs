using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace ZeroDowntime.LocalCluster.Controllers.Workloads;

/// <summary>
/// The <c>pod-template-hash</c> / <c>controller-revision-hash</c> of a pod template: FNV-32a over
/// the template's canonical JSON (keys sorted, the hash label itself left out), encoded with the
/// API machinery's vowel-free alphabet as Kubernetes does, so names look like <c>web-7d9fbc6c5b</c>.
/// </summary>
public static class TemplateHash
{
    /// <summary>The label Deployments put on ReplicaSets and pods.</summary>
    public const string PodTemplateHashLabel = "pod-template-hash";

    /// <summary>The label StatefulSets put on pods.</summary>
    public const string ControllerRevisionHashLabel = "controller-revision-hash";

    private const string Alphabet = "bcdfghjklmnpqrstvwxz2456789";

    /// <summary>The hash of <paramref name="template"/> (a pod template JSON object).</summary>
    public static string Of(JsonNode? template)
    {
        var copy = template?.DeepClone() as JsonObject ?? [];
        if (copy["metadata"] is JsonObject metadata && metadata["labels"] is JsonObject labels)
        {
            labels.Remove(PodTemplateHashLabel);
            labels.Remove(ControllerRevisionHashLabel);
        }

        var canonical = new StringBuilder();
        WriteCanonical(copy, canonical);
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(canonical.ToString()))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        var digits = hash.ToString(CultureInfo.InvariantCulture);
        return string.Create(digits.Length, digits, (span, d) =>
        {
            for (var i = 0; i < d.Length; i++)
            {
                span[i] = Alphabet[d[i] % Alphabet.Length];
            }
        });
    }

    private static void WriteCanonical(JsonNode? node, StringBuilder output)
    {
        switch (node)
        {
            case JsonObject obj:
                output.Append('{');
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    output.Append('"').Append(key).Append("\":");
                    WriteCanonical(value, output);
                    output.Append(',');
                }

                output.Append('}');
                break;
            case JsonArray array:
                output.Append('[');
                foreach (var item in array)
                {
                    WriteCanonical(item, output);
                    output.Append(',');
                }

                output.Append(']');
                break;
            case null:
                output.Append("null");
                break;
            default:
                output.Append(node.ToJsonString());
                break;
        }
    }
}
