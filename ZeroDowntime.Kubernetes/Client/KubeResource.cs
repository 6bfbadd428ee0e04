using k8s;
using k8s.Models;

namespace ZeroDowntime.Kubernetes;

/// <summary>
/// How to list and watch one kind through the official client's generated operations. The library has
/// one method per kind and scope; this pairs them so <see cref="KubeLists"/> and <see cref="KubeWatch"/>
/// work for any kind in <see cref="KubeResources"/>.
/// </summary>
/// <typeparam name="T">The object type, e.g. <see cref="V1Pod"/>.</typeparam>
/// <typeparam name="TList">Its list type, e.g. <see cref="V1PodList"/>.</typeparam>
public sealed class KubeResource<T, TList>
    where T : class, IKubernetesObject<V1ObjectMeta>
    where TList : IKubernetesObject<V1ListMeta>, IItems<T>
{
    private readonly Func<IKubernetes, string?, ListPage, CancellationToken, Task<TList>> _list;
    private readonly Func<IKubernetes, string?, WatchRequest, Action<Exception>, CancellationToken, IAsyncEnumerable<(WatchEventType, T)>> _watch;

    /// <summary>Describes a kind.</summary>
    /// <param name="plural">The resource name, e.g. <c>pods</c> (used in messages).</param>
    /// <param name="namespaced">Whether objects live in a namespace.</param>
    /// <param name="list">Lists one page; a null namespace means all namespaces.</param>
    /// <param name="watch">Opens one watch stream; a null namespace means all namespaces.</param>
    public KubeResource(
        string plural,
        bool namespaced,
        Func<IKubernetes, string?, ListPage, CancellationToken, Task<TList>> list,
        Func<IKubernetes, string?, WatchRequest, Action<Exception>, CancellationToken, IAsyncEnumerable<(WatchEventType, T)>> watch)
    {
        Plural = plural;
        Namespaced = namespaced;
        _list = list;
        _watch = watch;
    }

    /// <summary>The resource name, e.g. <c>pods</c>.</summary>
    public string Plural { get; }

    /// <summary>Whether objects live in a namespace.</summary>
    public bool Namespaced { get; }

    /// <summary>Lists one page.</summary>
    public Task<TList> ListPageAsync(IKubernetes kube, string? @namespace, ListPage page, CancellationToken ct) =>
        _list(kube, Namespaced ? @namespace : null, page, ct);

    /// <summary>Opens one watch stream; Status ERROR events (410 Expired) go to <paramref name="onError"/>.</summary>
    public IAsyncEnumerable<(WatchEventType, T)> WatchOnceAsync(IKubernetes kube, string? @namespace, WatchRequest request, Action<Exception> onError, CancellationToken ct) =>
        _watch(kube, Namespaced ? @namespace : null, request, onError, ct);

    /// <inheritdoc />
    public override string ToString() => Plural;
}

/// <summary>One page of a list call.</summary>
/// <param name="LabelSelector">Label selector, or null.</param>
/// <param name="FieldSelector">Field selector, or null.</param>
/// <param name="Limit">Page size, or null for everything at once.</param>
/// <param name="Continue">The previous page's continue token, or null for the first page.</param>
public sealed record ListPage(string? LabelSelector, string? FieldSelector, int? Limit, string? Continue);

/// <summary>One watch request.</summary>
/// <param name="LabelSelector">Label selector, or null.</param>
/// <param name="FieldSelector">Field selector, or null.</param>
/// <param name="ResourceVersion">Start after this version; null: synthetic ADDED for current objects first.</param>
/// <param name="TimeoutSeconds">Server-side length of the stream, or null.</param>
public sealed record WatchRequest(string? LabelSelector, string? FieldSelector, string? ResourceVersion, int? TimeoutSeconds);
