using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>Where an environment variable's value comes from.</summary>
public sealed record EnvVarSource
{
    public ObjectFieldSelector? FieldRef { get; init; }
    public JsonElement? ConfigMapKeyRef { get; init; }
    public JsonElement? SecretKeyRef { get; init; }
    public JsonElement? ResourceFieldRef { get; init; }

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
