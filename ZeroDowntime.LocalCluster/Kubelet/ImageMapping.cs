using System.Text.Json.Serialization;

namespace ZeroDowntime.LocalCluster.Kubelet;

/// <summary>
/// How the local kubelet runs an image as a process: the image's <see cref="Entrypoint"/> and
/// <see cref="Cmd"/> as host commands, with Kubernetes' command/args rules applied on top
/// (command replaces the entrypoint and drops Cmd; args replace Cmd).
/// <c>{Dotnet}</c>, <c>{MockVllmDll}</c>, <c>{GarnetDll}</c> and <c>{AppDir}</c> in any string are replaced when the container starts.
/// </summary>
/// <example><code>
/// options.ImageMappings.Insert(0, new ImageMapping("myorg/api*", ["/usr/local/bin/api"]) { Env = new Dictionary&lt;string, string&gt; { ["MODE"] = "local" } });
/// </code></example>
/// <param name="Image">A glob (<c>*</c>, <c>?</c>) matched against the image reference, with and without <c>docker.io/</c> and <c>library/</c>.</param>
/// <param name="Entrypoint">The image's ENTRYPOINT as host argv (may be empty).</param>
public sealed record ImageMapping(
    [property: JsonPropertyName("image")] string Image,
    [property: JsonPropertyName("entrypoint")] IReadOnlyList<string> Entrypoint)
{
    /// <summary>The image's CMD: used as arguments when the pod sets neither command nor args.</summary>
    [JsonPropertyName("cmd")]
    public IReadOnlyList<string> Cmd { get; init; } = [];

    /// <summary>Variables the image sets (the pod's env wins).</summary>
    [JsonPropertyName("env")]
    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();

    /// <summary>How to install the executable when it is missing, e.g. <c>apt-get install redis-server</c>.</summary>
    [JsonPropertyName("installHint")]
    public string? InstallHint { get; init; }

    /// <summary>What the image runs, for the <c>Started</c> event (e.g. <c>Garnet 2.2.12: redis-server is not installed</c>); set by the kubelet for redis.</summary>
    [JsonIgnore]
    public string? Runs { get; init; }
}
