using ZeroDowntime.Kubernetes.Legacy.Models;

namespace ZeroDowntime.Kubernetes.Legacy;

// List calls: one page, or every page following continue tokens.
public sealed partial class KubernetesClient
{
    /// <summary>Lists one page of objects.</summary>
    /// <param name="namespace">Namespace; null means <see cref="DefaultNamespace"/>, <see cref="AllNamespaces"/> spans all.</param>
    /// <param name="options">Selectors, paging and resourceVersion.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <example><code>
    /// var onNode = await client.ListAsync&lt;Pod&gt;(KubernetesClient.AllNamespaces, new ListOptions { FieldSelector = "spec.nodeName=node-a" });
    /// </code></example>
    public Task<KubeList<T>> ListAsync<T>(string? @namespace = null, ListOptions? options = null, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject, IResource
    {
        options ??= new ListOptions();
        var query = new QueryString()
            .Add("labelSelector", options.LabelSelector)
            .Add("fieldSelector", options.FieldSelector)
            .Add("limit", options.Limit)
            .Add("continue", options.Continue)
            .Add("resourceVersion", options.ResourceVersion);
        return SendForObjectAsync<KubeList<T>>(ApiRequest.Get(T.Resource.CollectionPath(NamespaceOf<T>(@namespace)), query.ToString()), cancellationToken);
    }

    /// <summary>
    /// Lists every page (following <c>continue</c> tokens) and returns all items with the last page's
    /// metadata, whose resourceVersion is the one to watch from. If a continue token expires (410),
    /// the list restarts once without paging, as client-go's pager does.
    /// </summary>
    public async Task<KubeList<T>> ListAllAsync<T>(string? @namespace = null, ListOptions? options = null, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject, IResource
    {
        options ??= new ListOptions();
        var items = new List<T>();
        var page = options;
        while (true)
        {
            KubeList<T> list;
            try
            {
                list = await ListAsync<T>(@namespace, page, cancellationToken).ConfigureAwait(false);
            }
            catch (KubernetesApiException e) when (e.IsExpired && page.Continue is not null && options.Continue is null)
            {
                Log($"LIST {T.Resource.Plural}: continue token expired; listing again without paging");
                return await ListAsync<T>(@namespace, options with { Limit = null }, cancellationToken).ConfigureAwait(false);
            }
            items.AddRange(list.Items);
            if (string.IsNullOrEmpty(list.Metadata.Continue))
                return list with { Items = items, Metadata = list.Metadata with { Continue = null, RemainingItemCount = null } };
            page = options with { Continue = list.Metadata.Continue };
        }
    }
}
