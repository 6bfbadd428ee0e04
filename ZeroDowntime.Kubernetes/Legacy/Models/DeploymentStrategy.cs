using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>RollingUpdate (with maxSurge / maxUnavailable) or Recreate.</summary>
public sealed record DeploymentStrategy
{
    public string? Type { get; init; }
    public RollingUpdateDeployment? RollingUpdate { get; init; }

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
