namespace ZeroDowntime.LocalCluster.Kubelet;

/// <summary>A container's configuration cannot be resolved (missing ConfigMap key...): it waits with <c>CreateContainerConfigError</c>.</summary>
public sealed class ContainerConfigException(string message) : Exception(message);
