using System.Text.Json;
using ZeroDowntime.Kubernetes.Legacy.Models;

namespace ZeroDowntime.Kubernetes.Legacy;

// Single-object operations: get, create, replace, patch, delete, status and scale.
public sealed partial class KubernetesClient
{
    /// <summary>Reads one object. Throws <see cref="KubernetesApiException"/> (404 NotFound) when it does not exist.</summary>
    /// <param name="name">Object name.</param>
    /// <param name="namespace">Namespace; null means <see cref="DefaultNamespace"/>. Ignored for cluster-scoped kinds.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<T> GetAsync<T>(string name, string? @namespace = null, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject, IResource =>
        SendForObjectAsync<T>(ApiRequest.Get(ItemPath<T>(NamespaceOf<T>(@namespace), name)), cancellationToken);

    /// <summary>Reads one object, or returns null when it does not exist.</summary>
    public async Task<T?> TryGetAsync<T>(string name, string? @namespace = null, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject, IResource
    {
        try
        {
            return await GetAsync<T>(name, @namespace, cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    /// <summary>
    /// Creates an object (POST; never retried, so a lost response cannot create it twice). The namespace
    /// is <paramref name="namespace"/>, else the object's, else <see cref="DefaultNamespace"/>.
    /// </summary>
    public Task<T> CreateAsync<T>(T obj, string? @namespace = null, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject, IResource
    {
        ArgumentNullException.ThrowIfNull(obj);
        var path = T.Resource.CollectionPath(NamespaceOf(@namespace, obj));
        return SendForObjectAsync<T>(new ApiRequest(HttpMethod.Post, path, Body: Json(obj), Retryable: false), cancellationToken);
    }

    /// <summary>
    /// Replaces an object (PUT). Set <c>metadata.resourceVersion</c> to the version you read: a stale one fails
    /// with 409 Conflict, which also makes a retried PUT harmless.
    /// </summary>
    public Task<T> ReplaceAsync<T>(T obj, string? @namespace = null, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject, IResource
    {
        ArgumentNullException.ThrowIfNull(obj);
        var path = ItemPath<T>(NamespaceOf(@namespace, obj), obj.Metadata.Name ?? throw new ArgumentException("metadata.name is required.", nameof(obj)));
        return SendForObjectAsync<T>(new ApiRequest(HttpMethod.Put, path, Body: Json(obj)), cancellationToken);
    }

    /// <summary>
    /// Patches an object. Merge and strategic-merge patches are retried (applying one twice gives the same
    /// result); JSON patches are not (an <c>add</c> to a list would apply twice).
    /// </summary>
    public Task<T> PatchAsync<T>(string name, KubePatch patch, string? @namespace = null, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject, IResource =>
        SendForObjectAsync<T>(PatchRequest(ItemPath<T>(NamespaceOf<T>(@namespace), name), patch), cancellationToken);

    /// <summary>Patches the status subresource (<c>.../status</c>).</summary>
    public Task<T> PatchStatusAsync<T>(string name, KubePatch patch, string? @namespace = null, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject, IResource =>
        SendForObjectAsync<T>(PatchRequest(ItemPath<T>(NamespaceOf<T>(@namespace), name) + "/status", patch), cancellationToken);

    /// <summary>Replaces the status subresource (PUT <c>.../status</c>); only status changes are kept by the server.</summary>
    public Task<T> ReplaceStatusAsync<T>(T obj, string? @namespace = null, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject, IResource
    {
        ArgumentNullException.ThrowIfNull(obj);
        var path = ItemPath<T>(NamespaceOf(@namespace, obj), obj.Metadata.Name ?? throw new ArgumentException("metadata.name is required.", nameof(obj)));
        return SendForObjectAsync<T>(new ApiRequest(HttpMethod.Put, path + "/status", Body: Json(obj)), cancellationToken);
    }

    /// <summary>Reads the scale subresource of a deployment, replica set or stateful set.</summary>
    public Task<Scale> GetScaleAsync<T>(string name, string? @namespace = null, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject, IResource =>
        SendForObjectAsync<Scale>(ApiRequest.Get(ItemPath<T>(NamespaceOf<T>(@namespace), name) + "/scale"), cancellationToken);

    /// <summary>Patches the scale subresource, e.g. <c>KubePatch.Merge(new { spec = new { replicas = 5 } })</c> as <c>kubectl scale</c> does.</summary>
    public Task<Scale> PatchScaleAsync<T>(string name, KubePatch patch, string? @namespace = null, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject, IResource =>
        SendForObjectAsync<Scale>(PatchRequest(ItemPath<T>(NamespaceOf<T>(@namespace), name) + "/scale", patch), cancellationToken);

    /// <summary>
    /// Deletes an object. Without options, or with no propagationPolicy, sends <c>Background</c> so a Job's
    /// pods or a Deployment's ReplicaSets go too. Retried on 429/5xx/connection failures: if a lost response is
    /// retried, the retry can report 404 NotFound for an object that this call already deleted.
    /// </summary>
    /// <returns>The object as the server returned it (still present with a deletionTimestamp during a graceful delete), or null when the server answered with a Status.</returns>
    public async Task<T?> DeleteAsync<T>(string name, string? @namespace = null, DeleteOptions? options = null, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject, IResource
    {
        var body = options ?? new DeleteOptions();
        if (body.PropagationPolicy is null) body = body with { PropagationPolicy = "Background" };
        var request = new ApiRequest(HttpMethod.Delete, ItemPath<T>(NamespaceOf<T>(@namespace), name), Body: Json(body));
        var returned = await SendForObjectAsync<JsonElement>(request, cancellationToken).ConfigureAwait(false);
        return returned.ValueKind == JsonValueKind.Object
               && returned.TryGetProperty("kind", out var kind) && kind.ValueEquals(T.Resource.Kind)
            ? KubeJson.Deserialize<T>(returned)
            : null;
    }

    private static ApiRequest PatchRequest(string path, KubePatch patch)
    {
        ArgumentNullException.ThrowIfNull(patch);
        return new ApiRequest(HttpMethod.Patch, path, Body: patch.Utf8, ContentType: patch.ContentType, Retryable: patch.Type != PatchType.Json);
    }
}
