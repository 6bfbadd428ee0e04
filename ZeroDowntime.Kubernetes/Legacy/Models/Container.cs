using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>A container in a pod template.</summary>
public sealed record Container
{
    public string Name { get; init; } = "";
    public string? Image { get; init; }
    public string? ImagePullPolicy { get; init; }
    public IReadOnlyList<string>? Command { get; init; }
    public IReadOnlyList<string>? Args { get; init; }
    public string? WorkingDir { get; init; }
    public IReadOnlyList<EnvVar>? Env { get; init; }
    public IReadOnlyList<ContainerPort>? Ports { get; init; }
    public ResourceRequirements? Resources { get; init; }
    public Probe? ReadinessProbe { get; init; }
    public Probe? LivenessProbe { get; init; }
    public Probe? StartupProbe { get; init; }
    public Lifecycle? Lifecycle { get; init; }

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
