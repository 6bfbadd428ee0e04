using System.Text.Json.Nodes;
using ZeroDowntime.LocalCluster.Storage;

namespace ZeroDowntime.LocalCluster.Cluster;

/// <summary>What an <see cref="IAdmissionHook"/> sees: the write being admitted and the API to look around with.</summary>
public sealed class AdmissionContext
{
    /// <summary>Creates a request.</summary>
    public AdmissionContext(AdmissionOperation operation, ResourceType resource, string? subresource, JsonObject obj, JsonObject? oldObject, ClusterApi api)
    {
        Operation = operation;
        Resource = resource;
        Subresource = subresource;
        Object = obj;
        OldObject = oldObject;
        Api = api;
    }

    /// <summary>Create or Update.</summary>
    public AdmissionOperation Operation { get; }

    /// <summary>The resource.</summary>
    public ResourceType Resource { get; }

    /// <summary><c>status</c>, <c>scale</c> or null for the main resource.</summary>
    public string? Subresource { get; }

    /// <summary>The object about to be stored (uid and creationTimestamp already set); mutable.</summary>
    public JsonObject Object { get; }

    /// <summary>The stored object before an update; null on create.</summary>
    public JsonObject? OldObject { get; }

    /// <summary>The in-process API (reads are safe; the store lock is held).</summary>
    public ClusterApi Api { get; }
}
