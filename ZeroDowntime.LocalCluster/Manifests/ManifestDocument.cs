using System.Text.Json.Nodes;
using ZeroDowntime.LocalCluster.Storage;

namespace ZeroDowntime.LocalCluster.Manifests;

/// <summary>One object read from a manifest file.</summary>
/// <param name="File">The file it came from.</param>
/// <param name="Index">1-based document index within the file.</param>
/// <param name="Type">The resource it belongs to.</param>
/// <param name="Object">The object as JSON.</param>
public sealed record ManifestDocument(string File, int Index, ResourceType Type, JsonObject Object)
{
    /// <summary>Where it came from, for messages: <c>file.yaml: document 2 (Deployment web)</c>.</summary>
    public string Origin => $"{File}: document {Index} ({Type.Kind} {Object["metadata"]?["name"]})";
}
