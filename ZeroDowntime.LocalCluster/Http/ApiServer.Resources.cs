using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s.Models;
using Microsoft.AspNetCore.Http;
using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Http.Tables;
using ZeroDowntime.LocalCluster.Patching;
using ZeroDowntime.LocalCluster.Storage;

namespace ZeroDowntime.LocalCluster.Http;

public sealed partial class ApiServer
{
    private async Task HandleResourceAsync(HttpContext http, RequestTarget target)
    {
        var request = http.Request;
        var method = request.Method;
        var type = target.Type;
        if (target.Subresource is { } sub && sub is not ("status" or "scale"))
        {
            var handler = _subresources.Find(type, sub) ?? throw NotFoundPath();
            await handler(new SubresourceContext(http, _api, type, target.Namespace, target.Name!, sub, target.SubPath)).ConfigureAwait(false);
            return;
        }

        if (target.Subresource == "scale" && !type.HasScale || target.Subresource == "status" && !type.HasStatus)
        {
            throw NotFoundPath();
        }

        if (target.Name is null)
        {
            if (HttpMethods.IsGet(method))
            {
                await (target.WatchPath || IsTrue(request.Query["watch"]) ? WatchAsync(http, target) : ListAsync(http, target)).ConfigureAwait(false);
            }
            else if (HttpMethods.IsPost(method))
            {
                var body = await RequestBody.ReadJsonObjectAsync(request, tolerateProtobuf: false).ConfigureAwait(false)
                    ?? throw ApiException.BadRequest("the body of the request is empty");
                await WriteObjectAsync(http, 201, _api.CreateStored(type, target.Namespace, ToStorage(target, body)), target).ConfigureAwait(false);
            }
            else if (HttpMethods.IsDelete(method))
            {
                await DeleteCollectionAsync(http, target).ConfigureAwait(false);
            }
            else
            {
                throw ApiException.MethodNotAllowed();
            }

            return;
        }

        var name = target.Name;
        var ns = target.Namespace;
        StoredObject result;
        if (HttpMethods.IsGet(method))
        {
            if (target.WatchPath || IsTrue(request.Query["watch"]))
            {
                await WatchAsync(http, target with { Name = null }, name).ConfigureAwait(false);
                return;
            }

            result = _api.Store.Get(type, ns, name) ?? throw ApiException.NotFound(type, name);
        }
        else if (HttpMethods.IsPut(method))
        {
            var body = await RequestBody.ReadJsonObjectAsync(request, tolerateProtobuf: false).ConfigureAwait(false)
                ?? throw ApiException.BadRequest("the body of the request is empty");
            result = target.Subresource == "scale"
                ? _api.UpdateScale(type, ns, name, body)
                : _api.UpdateStored(type, ns, name, ToStorage(target, body), target.Subresource);
        }
        else if (HttpMethods.IsPatch(method))
        {
            var patchType = PatchTypes.FromContentType(request.ContentType);
            var patch = await RequestBody.ReadJsonAsync(request, tolerateProtobuf: false).ConfigureAwait(false);
            result = _api.PatchStored(type, ns, name, patchType, patch, target.Subresource, target.Converter);
        }
        else if (HttpMethods.IsDelete(method) && target.Subresource is null)
        {
            var options = await ReadDeleteOptionsAsync(http).ConfigureAwait(false);
            result = _api.DeleteStored(type, ns, name, options).Object;
        }
        else
        {
            throw ApiException.MethodNotAllowed();
        }

        if (target.Subresource == "scale")
        {
            await Responses.WriteJsonAsync(http, 200, _api.ScaleOf(result)).ConfigureAwait(false);
            return;
        }

        await WriteObjectAsync(http, 200, result, target).ConfigureAwait(false);
    }

    private Task WriteObjectAsync(HttpContext http, int statusCode, StoredObject obj, RequestTarget target)
    {
        if (WantsTable(http.Request))
        {
            var table = TableConverter.Build(obj.Type, [obj], null, null, TableConverter.ParseInclude(http.Request.Query["includeObject"]),
                _api.Time.GetUtcNow(), target.Converter);
            return Responses.WriteJsonAsync(http, statusCode, table);
        }

        return Responses.WriteBytesAsync(http, statusCode, JsonOf(obj, target.Converter));
    }

    /// <summary>The object's JSON in the requested version (the stored bytes themselves for the storage version).</summary>
    private static byte[] JsonOf(StoredObject obj, IVersionConverter? converter) =>
        converter is null ? obj.Json : JsonSerializer.SerializeToUtf8Bytes(converter.FromStorage(obj.ToJsonObject()), JsonDefaults.Options);

    /// <summary>
    /// A request body as stored. As the API server decodes by the body's own apiVersion, a body in another
    /// served version of the resource is converted from that version, whatever version the URL names.
    /// </summary>
    private static JsonObject ToStorage(RequestTarget target, JsonObject body)
    {
        var type = target.Type;
        var version = target.Version;
        if (type.OtherVersions.Count > 0 && body.GetString("apiVersion") is { Length: > 0 } apiVersion)
        {
            version = type.Versions.FirstOrDefault(v => type.ApiVersionOf(v) == apiVersion)
                ?? throw ApiException.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({target.ApiVersion})");
        }

        return type.ConverterFor(version)?.ToStorage(body) ?? body;
    }

    private async Task ListAsync(HttpContext http, RequestTarget target)
    {
        var type = target.Type;
        var page = _api.Store.List(type, target.Namespace, ParseListQuery(http.Request, type));
        var rv = page.ResourceVersion.ToString(CultureInfo.InvariantCulture);
        if (WantsTable(http.Request))
        {
            var table = TableConverter.Build(type, page.Items, rv, page.Continue, TableConverter.ParseInclude(http.Request.Query["includeObject"]),
                _api.Time.GetUtcNow(), target.Converter);
            await Responses.WriteJsonAsync(http, 200, table).ConfigureAwait(false);
            return;
        }

        var metadata = new JsonObject { ["resourceVersion"] = rv };
        if (page.Continue is not null)
        {
            metadata["continue"] = page.Continue;
            metadata["remainingItemCount"] = page.RemainingItemCount;
        }

        var prefix = Encoding.UTF8.GetBytes($"{{\"kind\":\"{type.ListKind}\",\"apiVersion\":\"{target.ApiVersion}\",\"metadata\":{metadata.ToJsonString()},\"items\":[");
        var converter = target.Converter;
        await Responses.WriteJoinedAsync(http, 200, prefix, page.Items.Select(i => JsonOf(i, converter)).ToList(), "]}"u8.ToArray()).ConfigureAwait(false);
    }

    private async Task DeleteCollectionAsync(HttpContext http, RequestTarget target)
    {
        var options = await ReadDeleteOptionsAsync(http).ConfigureAwait(false);
        var page = _api.Store.List(target.Type, target.Namespace, ParseListQuery(http.Request, target.Type) with { Limit = null, Continue = null });
        foreach (var item in page.Items)
        {
            try
            {
                _api.DeleteStored(target.Type, item.Namespace, item.Name, options);
            }
            catch (ApiException e) when (e.Code == 404)
            {
                // Deleted concurrently.
            }
        }

        await Responses.WriteJsonAsync(http, 200, new JsonObject
        {
            ["kind"] = "Status", ["apiVersion"] = "v1", ["metadata"] = new JsonObject(), ["status"] = "Success",
        }).ConfigureAwait(false);
    }

    private static async Task<V1DeleteOptions> ReadDeleteOptionsAsync(HttpContext http)
    {
        var body = await RequestBody.ReadJsonObjectAsync(http.Request, tolerateProtobuf: true).ConfigureAwait(false);
        var options = DeleteOptionsReader.FromJson(body);
        var query = http.Request.Query;
        if (long.TryParse(query["gracePeriodSeconds"], CultureInfo.InvariantCulture, out var grace))
        {
            options.GracePeriodSeconds = grace;
        }

        if (DeleteOptionsReader.ParsePolicy(query["propagationPolicy"]) is not null)
        {
            options.PropagationPolicy = query["propagationPolicy"];
        }

        if (bool.TryParse(query["orphanDependents"], out var orphan))
        {
            options.OrphanDependents = orphan;
        }

        return options;
    }

    private static ListQuery ParseListQuery(HttpRequest request, ResourceType type)
    {
        var query = request.Query;
        return new ListQuery
        {
            Labels = LabelSelectorMatcher.Parse(query["labelSelector"]),
            Fields = FieldSelector.Parse(query["fieldSelector"], type),
            Limit = int.TryParse(query["limit"], CultureInfo.InvariantCulture, out var limit) ? limit : null,
            Continue = query["continue"],
            ResourceVersion = ParseResourceVersion(query["resourceVersion"]),
        };
    }

    private static long? ParseResourceVersion(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        return long.TryParse(value, CultureInfo.InvariantCulture, out var rv) && rv >= 0
            ? rv
            : throw ApiException.BadRequest($"invalid resource version \"{value}\"");
    }

    private static bool WantsTable(HttpRequest request) =>
        request.Headers.Accept.Any(a => a is not null && a.Contains("as=Table", StringComparison.Ordinal));

    private static bool IsTrue(string? value) => value is "true" or "1" or "True";
}
