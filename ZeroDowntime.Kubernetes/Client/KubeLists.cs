using k8s;
using k8s.Autorest;
using k8s.Models;

namespace ZeroDowntime.Kubernetes;

/// <summary>Lists every page of a kind (the library lists one page per call).</summary>
public static class KubeLists
{
    /// <summary>Page size used by <see cref="ListAllAsync{T, TList}"/>, as kubectl uses.</summary>
    public const int PageSize = 500;

    /// <summary>
    /// Lists all matching objects, following continue tokens; when a token expires (410), lists again in one
    /// unpaged request. A null namespace lists all namespaces (for namespaced kinds).
    /// </summary>
    /// <example><code>
    /// var workers = await kube.ListAllAsync(KubeResources.Pods, "ray", labelSelector: "ray.io/node-type=worker");
    /// </code></example>
    public static async Task<ListedItems<T>> ListAllAsync<T, TList>(this IKubernetes kube, KubeResource<T, TList> resource, string? @namespace = null,
        string? labelSelector = null, string? fieldSelector = null, CancellationToken ct = default)
        where T : class, IKubernetesObject<V1ObjectMeta>
        where TList : IKubernetesObject<V1ListMeta>, IItems<T>
    {
        ArgumentNullException.ThrowIfNull(kube);
        ArgumentNullException.ThrowIfNull(resource);
        var items = new List<T>();
        string? resourceVersion = null;
        string? token = null;
        do
        {
            TList page;
            try
            {
                page = await resource.ListPageAsync(kube, @namespace, new ListPage(labelSelector, fieldSelector, PageSize, token), ct).ConfigureAwait(false);
            }
            catch (HttpOperationException ex) when (token is not null && ex.IsGone())
            {
                // The snapshot behind the continue token was compacted away: the pages read so far cannot be completed
                // consistently, one unpaged list can (client-go's pager does the same).
                var whole = await resource.ListPageAsync(kube, @namespace, new ListPage(labelSelector, fieldSelector, null, null), ct).ConfigureAwait(false);
                return new ListedItems<T>(whole.Items?.ToList() ?? [], whole.Metadata?.ResourceVersion);
            }

            resourceVersion ??= page.Metadata?.ResourceVersion;
            if (page.Items is { } pageItems)
            {
                items.AddRange(pageItems);
            }

            token = page.Metadata?.ContinueProperty;
        }
        while (!string.IsNullOrEmpty(token));

        return new ListedItems<T>(items, resourceVersion);
    }
}
