using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>One service port.</summary>
public sealed record ServicePort
{
    public string? Name { get; init; }
    public int Port { get; init; }
    /// <summary>A number or the name of a container port.</summary>
    public IntOrString? TargetPort { get; init; }
    public string? Protocol { get; init; }
    public int? NodePort { get; init; }
    public string? AppProtocol { get; init; }

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
