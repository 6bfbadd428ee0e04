using k8s.Models;

namespace ZeroDowntime.Kubernetes.Tests.Fakes;

/// <summary>Small k8s.Models objects for tests.</summary>
public static class Objects
{
    /// <summary>A pod with a name, namespace and resourceVersion (what a watch cache keys and compares on).</summary>
    public static V1Pod Pod(string name, string rv, string @namespace = "default") => new()
    {
        ApiVersion = "v1",
        Kind = "Pod",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = @namespace, ResourceVersion = rv },
    };

    /// <summary>A BOOKMARK object: only a resourceVersion.</summary>
    public static V1Pod Bookmark(string rv) => new() { ApiVersion = "v1", Kind = "Pod", Metadata = new V1ObjectMeta { ResourceVersion = rv } };

    /// <summary>A pod list page.</summary>
    public static V1PodList PodList(string rv, string? next, params V1Pod[] items) => new()
    {
        ApiVersion = "v1",
        Kind = "PodList",
        Metadata = new V1ListMeta { ResourceVersion = rv, ContinueProperty = next },
        Items = items.ToList(),
    };

    /// <summary>A pod the embedded cluster accepts: one container, scheduled on its first node.</summary>
    public static V1Pod RunnablePod(string name, IDictionary<string, string>? labels = null) => new()
    {
        ApiVersion = "v1",
        Kind = "Pod",
        Metadata = new V1ObjectMeta { Name = name, Labels = labels ?? new Dictionary<string, string> { ["app"] = "web" } },
        Spec = new V1PodSpec
        {
            NodeName = "zd-node-1",
            TerminationGracePeriodSeconds = 0,
            Containers = [new V1Container { Name = "app", Image = "zd/app:1" }],
        },
    };
}
