using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using k8s;
using k8s.Models;

namespace ZeroDowntime.Kubernetes;

/// <summary>
/// The official client's JSON settings for <c>k8s.Models</c> (camelCase, nulls omitted, RFC 3339 times,
/// enums as strings, <see cref="IntOrString"/> and <see cref="ResourceQuantity"/> as the API writes them),
/// usable with <see cref="JsonNode"/> and UTF-8 bytes. The library keeps its own options instance
/// internal and offers only string and stream overloads; the embedded cluster stores JSON and converts
/// between JSON nodes and models on every controller pass, so it needs these.
/// </summary>
/// <example><code>
/// V1Pod pod = KubeJson.Deserialize&lt;V1Pod&gt;(storedUtf8);
/// JsonObject node = KubeJson.ToJsonObject(pod);
/// </code></example>
public static class KubeJson
{
    /// <summary>The shared, read-only serializer options (the same converters as <see cref="KubernetesJson"/>).</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>Serializes to a JSON string.</summary>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>Serializes to UTF-8 bytes.</summary>
    public static byte[] SerializeToUtf8Bytes<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    /// <summary>A model as a JSON object.</summary>
    public static JsonObject ToJsonObject<T>(T value) =>
        JsonSerializer.SerializeToNode(value, Options) as JsonObject ?? throw new JsonException($"{typeof(T).Name} did not serialize to a JSON object.");

    /// <summary>Deserializes a JSON string; throws <see cref="JsonException"/> on <c>null</c> or bad JSON.</summary>
    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"Expected a {typeof(T).Name}, found null.");

    /// <summary>Deserializes UTF-8 JSON.</summary>
    public static T Deserialize<T>(ReadOnlySpan<byte> utf8Json) =>
        JsonSerializer.Deserialize<T>(utf8Json, Options) ?? throw new JsonException($"Expected a {typeof(T).Name}, found null.");

    /// <summary>Deserializes a JSON node.</summary>
    public static T Deserialize<T>(JsonNode node) =>
        node.Deserialize<T>(Options) ?? throw new JsonException($"Expected a {typeof(T).Name}, found null.");

    /// <summary>Deserializes a JSON element.</summary>
    public static T Deserialize<T>(JsonElement element) =>
        element.Deserialize<T>(Options) ?? throw new JsonException($"Expected a {typeof(T).Name}, found null.");

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.Converters.Add(new KubernetesJson.Iso8601TimeSpanConverter());
        options.Converters.Add(new KubernetesJson.KubernetesDateTimeConverter());
        options.Converters.Add(new KubernetesJson.KubernetesDateTimeOffsetConverter());
        options.Converters.Add(new V1Status.V1StatusObjectViewConverter());
        options.MakeReadOnly();
        return options;
    }
}
