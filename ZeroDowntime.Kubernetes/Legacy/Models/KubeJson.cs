using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>
/// The one set of JSON options for Kubernetes objects: camelCase, nulls omitted, RFC 3339 UTC
/// timestamps, <see cref="IntOrString"/> as number or string. The client and the local cluster
/// both use it so what one writes the other reads. Mirrors <c>k8s.KubernetesJson</c> of the
/// official client.
/// </summary>
/// <example><code>
/// var pod = KubeJson.Deserialize&lt;Pod&gt;(json);
/// string back = KubeJson.Serialize(pod with { Spec = pod.Spec! with { NodeName = "n1" } });
/// </code></example>
public static class KubeJson
{
    /// <summary>The shared, read-only serializer options.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>Serializes to a JSON string.</summary>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>Serializes to UTF-8 bytes.</summary>
    public static byte[] SerializeToUtf8Bytes<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    /// <summary>Deserializes a JSON string; throws <see cref="JsonException"/> on <c>null</c> or bad JSON.</summary>
    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"Expected a {typeof(T).Name}, found null.");

    /// <summary>Deserializes UTF-8 JSON.</summary>
    public static T Deserialize<T>(ReadOnlySpan<byte> utf8Json) =>
        JsonSerializer.Deserialize<T>(utf8Json, Options) ?? throw new JsonException($"Expected a {typeof(T).Name}, found null.");

    /// <summary>Deserializes a JSON element (e.g. a watch event's object).</summary>
    public static T Deserialize<T>(JsonElement element) =>
        element.Deserialize<T>(Options) ?? throw new JsonException($"Expected a {typeof(T).Name}, found null.");

    /// <summary>Deserializes a stream.</summary>
    public static async ValueTask<T> DeserializeAsync<T>(Stream utf8Json, CancellationToken cancellationToken = default) =>
        await JsonSerializer.DeserializeAsync<T>(utf8Json, Options, cancellationToken).ConfigureAwait(false)
        ?? throw new JsonException($"Expected a {typeof(T).Name}, found null.");

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        };
        options.Converters.Add(new KubeTimeConverter());
        options.MakeReadOnly();
        return options;
    }
}
