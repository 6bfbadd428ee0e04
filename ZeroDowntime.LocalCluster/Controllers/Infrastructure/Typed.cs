using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using ZeroDowntime.Kubernetes;
using ZeroDowntime.LocalCluster.Storage;

namespace ZeroDowntime.LocalCluster.Controllers.Infrastructure;

/// <summary>
/// Converts between the store's JSON and <c>k8s.Models</c> (with <see cref="KubeJson"/>). The models drop
/// fields they do not know, so controllers read through them but change stored objects as JSON.
/// </summary>
/// <example><code>
/// var pod = stored.As&lt;V1Pod&gt;();
/// api.Pods.Mutate(ns, name, o => o.Ensure("status")["phase"] = "Running", status: true);
/// </code></example>
public static class Typed
{
    /// <summary>The typed view of a stored object.</summary>
    public static T As<T>(this StoredObject stored) => KubeJson.Deserialize<T>(stored.Json);

    /// <summary>The typed view of a JSON object.</summary>
    public static T As<T>(this JsonObject obj) => KubeJson.Deserialize<T>(obj);

    /// <summary>A typed value as a JSON node (nulls omitted).</summary>
    public static JsonNode ToNode<T>(T value) =>
        JsonSerializer.SerializeToNode(value, KubeJson.Options) ?? throw new JsonException($"{typeof(T).Name} serialized to null.");

    /// <summary>A typed object as a JSON object.</summary>
    public static JsonObject ToJsonObject<T>(T value) => KubeJson.ToJsonObject(value);

    /// <summary>
    /// Writes <paramref name="model"/> onto <paramref name="target"/> field by field: every field the model's
    /// type knows is set (or removed when the model leaves it null); fields it does not know stay as they are.
    /// This is how a controller writes a status it computed without losing what a newer writer added.
    /// </summary>
    public static void Overlay<T>(JsonObject target, T model)
    {
        var fresh = ToJsonObject(model);
        foreach (var property in KubeJson.Options.GetTypeInfo(typeof(T)).Properties)
        {
            if (fresh.TryGetPropertyValue(property.Name, out var value))
            {
                fresh.Remove(property.Name);
                target[property.Name] = value;
            }
            else
            {
                target.Remove(property.Name);
            }
        }
    }

    /// <summary>The owner reference with <c>controller: true</c>, or null.</summary>
    public static V1OwnerReference? ControllerRef(this V1ObjectMeta metadata) =>
        metadata.OwnerReferences?.FirstOrDefault(r => r.Controller == true);

    /// <summary>A controller owner reference pointing at <paramref name="owner"/>.</summary>
    public static V1OwnerReference ControllerRefTo(IKubernetesObject<V1ObjectMeta> owner) => new()
    {
        ApiVersion = owner.ApiVersion,
        Kind = owner.Kind,
        Name = owner.Metadata.Name ?? "",
        Uid = owner.Metadata.Uid ?? "",
        Controller = true,
        BlockOwnerDeletion = true,
    };

    /// <summary>True when <paramref name="obj"/> is controlled by the object with <paramref name="ownerUid"/>.</summary>
    public static bool IsControlledBy(this IMetadata<V1ObjectMeta> obj, string? ownerUid) =>
        ownerUid is not null && obj.Metadata?.ControllerRef()?.Uid == ownerUid;

    /// <summary>The label selector of a workload as the store's matcher (a missing selector matches nothing).</summary>
    public static LabelSelectorMatcher? ToMatcher(this V1LabelSelector? selector) => LabelSelectorMatcher.From(selector);

    /// <summary>Labels of an object, never null.</summary>
    public static IReadOnlyDictionary<string, string> LabelsOrEmpty(this V1ObjectMeta metadata) => metadata.Labels switch
    {
        null => new Dictionary<string, string>(),
        IReadOnlyDictionary<string, string> readOnly => readOnly,
        var labels => new Dictionary<string, string>(labels),
    };

    /// <summary>The value of label <paramref name="key"/>, or null.</summary>
    public static string? Label(this V1ObjectMeta metadata, string key) =>
        metadata.Labels is { } labels && labels.TryGetValue(key, out var value) ? value : null;

    /// <summary>The value of annotation <paramref name="key"/>, or null.</summary>
    public static string? Annotation(this V1ObjectMeta metadata, string key) =>
        metadata.Annotations is { } annotations && annotations.TryGetValue(key, out var value) ? value : null;

    /// <summary>Now, truncated to whole seconds as Kubernetes stores condition times.</summary>
    public static DateTimeOffset Now(TimeProvider time)
    {
        var now = time.GetUtcNow();
        return new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
    }

    /// <summary>A model timestamp as an instant; the library reads timestamps as UTC, so an unspecified kind is UTC too.</summary>
    public static DateTimeOffset At(this DateTime time) =>
        time.Kind == DateTimeKind.Local ? new DateTimeOffset(time) : new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc));
}
