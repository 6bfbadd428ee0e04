using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ZeroDowntime.Kubernetes.Legacy.Models;

namespace ZeroDowntime.Kubernetes.Legacy;

/// <summary>
/// A patch body and its format. Objects are serialized camelCase <b>with</b> nulls, because in a
/// merge patch null means "remove": pass an anonymous object, a <see cref="JsonNode"/> or a JSON
/// string, never a whole typed model (its unset properties would erase fields).
/// </summary>
/// <example><code>
/// await client.PatchAsync&lt;Node&gt;("node-a", KubePatch.StrategicMerge(new { spec = new { unschedulable = true } }));
/// await client.PatchAsync&lt;Node&gt;("node-a", KubePatch.StrategicMerge("""{"spec":{"unschedulable":null}}"""));
/// </code></example>
public sealed record KubePatch(PatchType Type, string Json)
{
    private static readonly JsonSerializerOptions PatchOptions = CreatePatchOptions();

    /// <summary>A JSON merge patch.</summary>
    public static KubePatch Merge(object patch) => new(PatchType.Merge, ToJson(patch));

    /// <summary>A strategic merge patch.</summary>
    public static KubePatch StrategicMerge(object patch) => new(PatchType.StrategicMerge, ToJson(patch));

    /// <summary>A JSON patch: a list of <c>{op, path, value}</c> operations.</summary>
    public static KubePatch JsonPatch(object operations) => new(PatchType.Json, ToJson(operations));

    /// <summary>The request Content-Type for this patch.</summary>
    public string ContentType => Type switch
    {
        PatchType.Merge => "application/merge-patch+json",
        PatchType.StrategicMerge => "application/strategic-merge-patch+json",
        PatchType.Json => "application/json-patch+json",
        _ => throw new ArgumentOutOfRangeException(nameof(Type), Type, "Unknown patch type."),
    };

    internal byte[] Utf8 => Encoding.UTF8.GetBytes(Json);

    private static string ToJson(object patch) => patch switch
    {
        null => throw new ArgumentNullException(nameof(patch)),
        string json => json,
        _ => JsonSerializer.Serialize(patch, patch.GetType(), PatchOptions),
    };

    private static JsonSerializerOptions CreatePatchOptions()
    {
        var options = new JsonSerializerOptions(KubeJson.Options) { DefaultIgnoreCondition = JsonIgnoreCondition.Never };
        options.MakeReadOnly();
        return options;
    }
}
