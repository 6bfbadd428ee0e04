using System.Text.Json;
using System.Text.Json.Nodes;
using ZeroDowntime.Kubernetes.Legacy.Models;
using ZeroDowntime.LocalCluster.Storage;

namespace ZeroDowntime.LocalCluster.Controllers.Infrastructure;

/// <summary>Converts between the store's JSON and the typed models (with <see cref="KubeJson"/>).</summary>
public static class Typed
{
    /// <summary>The typed view of a stored object.</summary>
    public static T As<T>(this StoredObject stored) => KubeJson.Deserialize<T>(stored.Json);

    /// <summary>The typed view of a JSON object.</summary>
    public static T As<T>(this JsonObject obj) =>
        obj.Deserialize<T>(KubeJson.Options) ?? throw new JsonException($"Expected a {typeof(T).Name}.");

    /// <summary>A typed value as a JSON node (nulls omitted).</summary>
    public static JsonNode ToNode<T>(T value) => JsonSerializer.SerializeToNode(value, KubeJson.Options)!;

    /// <summary>A typed object as a JSON object.</summary>
    public static JsonObject ToJsonObject<T>(T value) => ToNode(value).AsObject();

    /// <summary>The owner reference with <c>controller: true</c>, or null.</summary>
    public static OwnerReference? ControllerRef(this ObjectMeta metadata) =>
        metadata.OwnerReferences?.FirstOrDefault(r => r.Controller == true);

    /// <summary>A controller owner reference pointing at <paramref name="owner"/>.</summary>
    public static OwnerReference ControllerRefTo(IKubernetesObject owner) => new()
    {
        ApiVersion = owner.ApiVersion,
        Kind = owner.Kind,
        Name = owner.Metadata.Name ?? "",
        Uid = owner.Metadata.Uid ?? "",
        Controller = true,
        BlockOwnerDeletion = true,
    };

    /// <summary>True when <paramref name="obj"/> is controlled by the object with <paramref name="ownerUid"/>.</summary>
    public static bool IsControlledBy(this IKubernetesObject obj, string? ownerUid) =>
        ownerUid is not null && obj.Metadata.ControllerRef()?.Uid == ownerUid;

    /// <summary>The label selector of a workload as the store's matcher (a missing selector matches nothing).</summary>
    public static Storage.LabelSelector? ToMatcher(this Kubernetes.Legacy.Models.LabelSelector? selector) =>
        selector is null ? null : Storage.LabelSelector.FromJson(ToJsonObject(selector));

    /// <summary>Labels of an object, never null.</summary>
    public static IReadOnlyDictionary<string, string> LabelsOrEmpty(this ObjectMeta metadata) =>
        metadata.Labels ?? new Dictionary<string, string>();

    /// <summary>Now, truncated to whole seconds as Kubernetes stores condition times.</summary>
    public static DateTimeOffset Now(TimeProvider time)
    {
        var now = time.GetUtcNow();
        return new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
    }
}
