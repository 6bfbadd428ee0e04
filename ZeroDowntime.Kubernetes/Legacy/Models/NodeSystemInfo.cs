using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>Versions and identity reported by the kubelet.</summary>
public sealed record NodeSystemInfo
{
    public string? MachineID { get; init; }
    public string? SystemUUID { get; init; }
    public string? BootID { get; init; }
    public string? KernelVersion { get; init; }
    public string? OsImage { get; init; }
    public string? ContainerRuntimeVersion { get; init; }
    public string? KubeletVersion { get; init; }
    public string? KubeProxyVersion { get; init; }
    public string? OperatingSystem { get; init; }
    public string? Architecture { get; init; }

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
