namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>Any top-level Kubernetes object: it has an apiVersion, a kind and object metadata.</summary>
public interface IKubernetesObject
{
    /// <summary>e.g. <c>v1</c> or <c>apps/v1</c>.</summary>
    string ApiVersion { get; }

    /// <summary>e.g. <c>Pod</c>.</summary>
    string Kind { get; }

    /// <summary>Name, namespace, labels, resourceVersion and the rest.</summary>
    ObjectMeta Metadata { get; }
}
