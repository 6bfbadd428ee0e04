using System.Text.Json.Nodes;
using k8s.Models;
using ZeroDowntime.LocalCluster.Patching;
using ZeroDowntime.LocalCluster.Storage;

namespace ZeroDowntime.LocalCluster.Cluster;

public sealed partial class ClusterApi
{
    private static readonly string[] ImmutableMetadata =
        ["name", "namespace", "uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation"];

    /// <summary>
    /// Replaces an object (PUT). A non-empty metadata.resourceVersion in <paramref name="obj"/> is a
    /// precondition (409 Conflict when stale). <paramref name="subresource"/> <c>status</c> changes
    /// only status; the main resource keeps the stored status when the type has a status subresource.
    /// </summary>
    internal StoredObject UpdateStored(ResourceType type, string? ns, string name, JsonObject obj, string? subresource)
    {
        lock (Store.SyncRoot)
        {
            var current = Store.Get(type, ns, name) ?? throw ApiException.NotFound(type, name);
            var bodyName = obj.Name();
            if (bodyName.Length > 0 && bodyName != name)
            {
                throw ApiException.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
            }

            var bodyVersion = obj.GetString("metadata", "resourceVersion");
            if (!string.IsNullOrEmpty(bodyVersion) && bodyVersion != current.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                throw ApiException.StaleResourceVersion(type, name);
            }

            return CommitUpdate(type, current, obj, subresource);
        }
    }

    /// <summary>
    /// Patches an object (or its status / scale subresource). With <paramref name="version"/> the patch applies to
    /// the object as that served version shows it, and the result converts back to storage, as the API server does.
    /// </summary>
    internal StoredObject PatchStored(ResourceType type, string? ns, string name, V1Patch.PatchType patchType, JsonNode? patch, string? subresource,
        IVersionConverter? version = null)
    {
        lock (Store.SyncRoot)
        {
            var current = Store.Get(type, ns, name) ?? throw ApiException.NotFound(type, name);
            if (subresource == "scale")
            {
                var scale = ApplyPatch(ScaleOf(current), patchType, patch);
                return SetScale(type, current, scale);
            }

            var patched = version is null
                ? ApplyPatch(current.ToJsonObject(), patchType, patch)
                : version.ToStorage(ApplyPatch(version.FromStorage(current.ToJsonObject()), patchType, patch));
            var patchedVersion = patched.GetString("metadata", "resourceVersion");
            if (!string.IsNullOrEmpty(patchedVersion) && patchedVersion != current.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                throw ApiException.StaleResourceVersion(type, name);
            }

            return CommitUpdate(type, current, patched, subresource);
        }
    }

    /// <summary>The autoscaling/v1 Scale view of a stored object.</summary>
    internal JsonObject ScaleOf(StoredObject stored)
    {
        var obj = stored.ToJsonObject();
        var selector = LabelSelectorMatcher.FromJson(obj.GetNode("spec", "selector") as JsonObject)?.ToString() ?? "";
        return new JsonObject
        {
            ["kind"] = "Scale",
            ["apiVersion"] = "autoscaling/v1",
            ["metadata"] = new JsonObject
            {
                ["name"] = stored.Name,
                ["namespace"] = stored.Namespace,
                ["uid"] = stored.Uid,
                ["resourceVersion"] = obj.GetString("metadata", "resourceVersion"),
                ["creationTimestamp"] = obj.GetString("metadata", "creationTimestamp"),
            },
            ["spec"] = new JsonObject { ["replicas"] = obj.GetInt64("spec", "replicas") ?? 1 },
            ["status"] = new JsonObject { ["replicas"] = obj.GetInt64("status", "replicas") ?? 0, ["selector"] = selector },
        };
    }

    /// <summary>Writes a Scale (PUT .../scale): spec.replicas goes to the object's spec.replicas.</summary>
    internal StoredObject UpdateScale(ResourceType type, string? ns, string name, JsonObject scale)
    {
        lock (Store.SyncRoot)
        {
            var current = Store.Get(type, ns, name) ?? throw ApiException.NotFound(type, name);
            var version = scale.GetString("metadata", "resourceVersion");
            if (!string.IsNullOrEmpty(version) && version != current.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                throw ApiException.StaleResourceVersion(type, name);
            }

            return SetScale(type, current, scale);
        }
    }

    private StoredObject SetScale(ResourceType type, StoredObject current, JsonObject scale)
    {
        var replicas = scale.GetInt64("spec", "replicas");
        if (replicas is null or < 0)
        {
            throw ApiException.Invalid(type, current.Name, new FieldError("FieldValueInvalid",
                $"Invalid value: {replicas?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null"}: must be greater than or equal to 0", "spec.replicas"));
        }

        var obj = current.ToJsonObject();
        obj.Ensure("spec")["replicas"] = replicas.Value;
        return CommitUpdate(type, current, obj, null);
    }

    private static JsonObject ApplyPatch(JsonObject target, V1Patch.PatchType patchType, JsonNode? patch) => patchType switch
    {
        V1Patch.PatchType.MergePatch => MergePatch.Apply(target, patch) as JsonObject ?? throw ApiException.BadRequest("merge patch must produce an object"),
        V1Patch.PatchType.JsonPatch => JsonPatch.Apply(target, patch) as JsonObject ?? throw ApiException.BadRequest("json patch must produce an object"),
        V1Patch.PatchType.StrategicMergePatch => StrategicMergePatch.Apply(target, patch),
        _ => throw new ArgumentOutOfRangeException(nameof(patchType)),
    };

    /// <summary>
    /// Turns <paramref name="proposed"/> into the next stored state of <paramref name="current"/> and
    /// commits it. Identical states commit nothing (no new resourceVersion, no event).
    /// </summary>
    private StoredObject CommitUpdate(ResourceType type, StoredObject current, JsonObject proposed, string? subresource)
    {
        var old = current.ToJsonObject();
        JsonObject next;
        if (subresource == "status")
        {
            next = old.DeepClone().AsObject();
            next.Remove("status");
            if (proposed["status"] is { } status)
            {
                next["status"] = status.DeepClone();
            }
        }
        else
        {
            next = proposed;
            next["apiVersion"] = type.ApiVersion;
            next["kind"] = type.Kind;
            var metadata = next.Metadata();
            var oldMetadata = old.Metadata();
            foreach (var field in ImmutableMetadata)
            {
                CopyField(oldMetadata, metadata, field);
            }

            if (type.HasStatus)
            {
                CopyField(old, next, "status");
            }

            if (type.TracksGeneration && SpecChanged(old, next))
            {
                metadata["generation"] = (old.GetInt64("metadata", "generation") ?? 0) + 1;
            }
        }

        Admit(AdmissionOperation.Update, type, subresource, next, old);
        next.Metadata()["resourceVersion"] = old.GetString("metadata", "resourceVersion");
        if (JsonNode.DeepEquals(next, old))
        {
            return current;
        }

        if (next.GetNode("metadata", "deletionTimestamp") is not null && !HasFinalizers(next)
            && (next.GetInt64("metadata", "deletionGracePeriodSeconds") ?? 0) == 0)
        {
            return Store.Remove(type, next).Object;
        }

        return Store.Put(type, next).Object;
    }

    /// <summary>Makes <paramref name="to"/>[field] equal <paramref name="from"/>[field], in place so field order is kept.</summary>
    private static void CopyField(JsonObject from, JsonObject to, string field)
    {
        if (from[field] is not { } value)
        {
            to.Remove(field);
        }
        else if (!JsonNode.DeepEquals(to[field], value))
        {
            to[field] = value.DeepClone();
        }
    }

    private static bool SpecChanged(JsonObject old, JsonObject next)
    {
        var keys = old.Select(p => p.Key).Union(next.Select(p => p.Key))
            .Where(k => k is not ("metadata" or "status" or "apiVersion" or "kind"));
        return keys.Any(k => !JsonNode.DeepEquals(old[k], next[k]));
    }

    private static bool HasFinalizers(JsonObject obj) => obj.GetNode("metadata", "finalizers") is JsonArray { Count: > 0 };
}
