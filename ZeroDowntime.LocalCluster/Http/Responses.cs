using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using ZeroDowntime.LocalCluster.Storage;

namespace ZeroDowntime.LocalCluster.Http;

/// <summary>Response writing: always JSON.</summary>
internal static class Responses
{
    public const string Json = "application/json";

    public static Task WriteJsonAsync(HttpContext http, int statusCode, JsonNode body) =>
        WriteBytesAsync(http, statusCode, JsonSerializer.SerializeToUtf8Bytes(body, JsonDefaults.Options));

    public static async Task WriteBytesAsync(HttpContext http, int statusCode, byte[] body)
    {
        http.Response.StatusCode = statusCode;
        http.Response.ContentType = Json;
        http.Response.ContentLength = body.Length;
        await http.Response.Body.WriteAsync(body, http.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes <paramref name="prefix"/>, the items joined by commas, then <paramref name="suffix"/>, straight to the
    /// response: a list of 1,000 pods is megabytes, and building it in one array first costs two large-object copies.
    /// </summary>
    public static async Task WriteJoinedAsync(HttpContext http, int statusCode, byte[] prefix, IReadOnlyList<byte[]> items, byte[] suffix)
    {
        http.Response.StatusCode = statusCode;
        http.Response.ContentType = Json;
        http.Response.ContentLength = prefix.Length + suffix.Length + Math.Max(0, items.Count - 1) + items.Sum(i => (long)i.Length);
        var writer = http.Response.BodyWriter;
        writer.Write(prefix);
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0)
            {
                writer.Write(","u8);
            }

            writer.Write(items[i]);
            if (writer.UnflushedBytes > 64 * 1024)
            {
                await writer.FlushAsync(http.RequestAborted).ConfigureAwait(false);
            }
        }

        writer.Write(suffix);
        await writer.FlushAsync(http.RequestAborted).ConfigureAwait(false);
    }

    public static Task WriteErrorAsync(HttpContext http, ApiException error) =>
        http.Response.HasStarted ? Task.CompletedTask : WriteJsonAsync(http, error.Code, error.ToStatus());
}

/// <summary>Request body decoding: JSON, with protobuf tolerated where the body is optional.</summary>
internal static class RequestBody
{
    public static async Task<JsonObject?> ReadJsonObjectAsync(HttpRequest request, bool tolerateProtobuf)
    {
        var node = await ReadJsonAsync(request, tolerateProtobuf).ConfigureAwait(false);
        return node switch
        {
            null => null,
            JsonObject o => o,
            _ => throw ApiException.BadRequest("the body of the request must be a JSON object"),
        };
    }

    public static async Task<JsonNode?> ReadJsonAsync(HttpRequest request, bool tolerateProtobuf)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted).ConfigureAwait(false);
        if (buffer.Length == 0)
        {
            return null;
        }

        if ((request.ContentType ?? "").Contains("protobuf", StringComparison.OrdinalIgnoreCase))
        {
            // kubectl's typed clients send protobuf: objects of the kinds KubeProtobuf knows are decoded; DeleteOptions are
            // optional and read as absent; anything else is refused.
            var body = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
            try
            {
                if (Protobuf.KubeProtobuf.TryDecode(body) is { } decoded)
                {
                    return decoded;
                }
            }
            catch (FormatException e) when (!tolerateProtobuf)
            {
                throw ApiException.BadRequest($"the body of the request could not be decoded as protobuf: {e.Message}");
            }
            catch (FormatException)
            {
                // An optional body (DeleteOptions) that does not decode is read as absent, as before.
            }

            return tolerateProtobuf ? null : throw ApiException.UnsupportedMediaType(request.ContentType!);
        }

        try
        {
            return JsonNode.Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        }
        catch (JsonException e)
        {
            throw ApiException.BadRequest($"the body of the request could not be decoded as JSON: {e.Message}");
        }
    }
}
