using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace ZeroDowntime.LocalCluster.Tests.Support;

/// <summary>Raw requests to a <see cref="TestCluster"/>'s API, answered as (status, JSON body).</summary>
internal static class ApiRequests
{
    public static async Task<(HttpStatusCode Code, JsonObject Body)> SendAsync(this TestCluster cluster, HttpMethod method, string path,
        string? body = null, string contentType = "application/json", string? accept = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        using var response = await cluster.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonNode.Parse(text)!.AsObject());
    }

    /// <summary>GETs <paramref name="path"/> and fails, naming the path and the answer, unless it is 200.</summary>
    public static async Task<JsonObject> GetOkAsync(this TestCluster cluster, string path)
    {
        var (code, body) = await cluster.SendAsync(HttpMethod.Get, path);
        if (code != HttpStatusCode.OK)
        {
            throw new Xunit.Sdk.XunitException($"GET {path} answered {(int)code}: {body.ToJsonString()}");
        }

        return body;
    }
}
