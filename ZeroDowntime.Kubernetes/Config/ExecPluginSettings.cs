using System.Text.Json.Nodes;

namespace ZeroDowntime.Kubernetes.Config;

/// <summary>A resolved kubeconfig <c>exec</c> entry: what to run and how to describe it in messages.</summary>
internal sealed record ExecPluginSettings
{
    /// <summary>The command as written in the kubeconfig (used in messages).</summary>
    public required string Command { get; init; }

    /// <summary>The absolute path the command resolved to.</summary>
    public required string ExecutablePath { get; init; }

    public required IReadOnlyList<string> Arguments { get; init; }

    /// <summary>Added to the inherited environment; values may be secret and are never printed.</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Environment { get; init; }

    /// <summary><c>client.authentication.k8s.io/v1</c> or <c>v1beta1</c>.</summary>
    public required string ApiVersion { get; init; }

    /// <summary>"user 'eks-admin' in /home/me/.kube/config".</summary>
    public required string Owner { get; init; }

    /// <summary>The <c>spec.cluster</c> object for <c>provideClusterInfo: true</c>, else null.</summary>
    public JsonObject? ClusterInfo { get; init; }

    public override string ToString() => $"exec plugin '{Command}' for {Owner} (env not shown)";
}
