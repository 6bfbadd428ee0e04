using System.Text;
using System.Text.Json.Nodes;
using k8s.Models;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ZeroDowntime.Kubernetes.Tests.Fakes;

/// <summary>Writes API-server-shaped responses.</summary>
public static class HttpContextResponses
{
    /// <summary>Writes <paramref name="value"/> as JSON with the library's settings.</summary>
    public static Task WriteJsonAsync<T>(this HttpContext context, int code, T value) =>
        context.WriteRawAsync(code, KubeJson.Serialize(value));

    /// <summary>Writes a raw body.</summary>
    public static async Task WriteRawAsync(this HttpContext context, int code, string body, string contentType = "application/json")
    {
        context.Response.StatusCode = code;
        context.Response.ContentType = contentType;
        await context.Response.WriteAsync(body);
    }

    /// <summary>Writes a Status body like the API server's.</summary>
    public static Task WriteStatusAsync(this HttpContext context, int code, string reason, string message, IReadOnlyList<V1StatusCause>? causes = null) =>
        context.WriteRawAsync(code, StatusJson(code, reason, message, causes));

    /// <summary>
    /// A Status as the API server writes it. Built by hand: the library's serializer (and so KubeJson)
    /// can read a V1Status but refuses to write one.
    /// </summary>
    public static string StatusJson(int code, string reason, string message, IReadOnlyList<V1StatusCause>? causes = null)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = code < 400 ? "Success" : "Failure",
            ["message"] = message,
            ["reason"] = reason,
            ["code"] = code,
        };
        if (causes is not null)
        {
            status["details"] = new JsonObject
            {
                ["causes"] = new JsonArray(causes.Select(c => (JsonNode)new JsonObject { ["reason"] = c.Reason, ["message"] = c.Message }).ToArray()),
            };
        }

        return status.ToJsonString();
    }

    /// <summary>
    /// Streams <paramref name="chunks"/> as separate flushed writes (chunked encoding), pausing between them
    /// so the client really receives them apart; the response ends (a clean close) when the handler returns.
    /// Starts a 200 response unless one was started already, so a handler can stream in several steps.
    /// </summary>
    public static async Task StreamChunksAsync(this HttpContext context, params string[] chunks)
    {
        if (!context.Response.HasStarted)
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            await context.Response.StartAsync();
            await context.Response.Body.FlushAsync(); // The client gets the headers now, even before the first chunk.
        }

        foreach (var chunk in chunks)
        {
            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(chunk));
            await context.Response.Body.FlushAsync();
            await Task.Delay(20); // The gap is the behaviour under test: chunks must arrive separately.
        }
    }

    /// <summary>Streams <paramref name="chunks"/>, then keeps the response open until the client leaves or the server stops.</summary>
    public static async Task HoldOpenAsync(this HttpContext context, params string[] chunks)
    {
        await context.StreamChunksAsync(chunks);
        await WaitUntilGoneAsync(context);
    }

    /// <summary>Completes when the client has gone away or the server is stopping (never throws).</summary>
    public static async Task WaitUntilGoneAsync(HttpContext context)
    {
        var stopping = context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var gone = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        await Task.Delay(Timeout.Infinite, gone.Token).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    /// <summary>One watch event line: <c>{"type":..,"object":..}\n</c>.</summary>
    public static string WatchLine<T>(string type, T obj) => $"{{\"type\":\"{type}\",\"object\":{KubeJson.Serialize(obj)}}}\n";

    /// <summary>An ERROR watch event carrying a Status, e.g. 410 Expired.</summary>
    public static string ErrorLine(int code, string reason, string message) => $"{{\"type\":\"ERROR\",\"object\":{StatusJson(code, reason, message)}}}\n";
}
