using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Storage;

namespace ZeroDowntime.LocalCluster.Http;

/// <summary>Everything a <see cref="SubresourceHandler"/> needs: the request, the target and the API.</summary>
public sealed class SubresourceContext
{
    internal SubresourceContext(HttpContext http, ClusterApi api, ResourceType resource, string? ns, string name, string subresource, string? path)
    {
        Http = http;
        Api = api;
        Resource = resource;
        Namespace = ns;
        Name = name;
        Subresource = subresource;
        Path = path;
    }

    /// <summary>The HTTP exchange (query, headers, body, response).</summary>
    public HttpContext Http { get; }

    /// <summary>The in-process API.</summary>
    public ClusterApi Api { get; }

    /// <summary>The parent resource (e.g. pods).</summary>
    public ResourceType Resource { get; }

    /// <summary>The namespace in the URL, if any.</summary>
    public string? Namespace { get; }

    /// <summary>The parent object's name.</summary>
    public string Name { get; }

    /// <summary>The subresource, e.g. <c>eviction</c>.</summary>
    public string Subresource { get; }

    /// <summary>For proxies: the path after the subresource (without a leading slash), else null.</summary>
    public string? Path { get; }

    /// <summary>Reads the request body as JSON (null when empty; protobuf bodies read as null).</summary>
    public async Task<JsonObject?> ReadJsonAsync() => await RequestBody.ReadJsonObjectAsync(Http.Request, tolerateProtobuf: true).ConfigureAwait(false);

    /// <summary>Writes a JSON response.</summary>
    public Task WriteJsonAsync(int statusCode, JsonNode body) => Responses.WriteJsonAsync(Http, statusCode, body);

    /// <summary>Writes a failure Status.</summary>
    public Task WriteStatusAsync(ApiException error) => Responses.WriteErrorAsync(Http, error);
}
