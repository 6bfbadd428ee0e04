using System.Text;
using Microsoft.AspNetCore.Http;
using ZeroDowntime.Kubernetes.Legacy.Models;

namespace ZeroDowntime.Kubernetes.Tests.Fakes;

/// <summary>Writes API-server-shaped responses.</summary>
public static class HttpContextResponses
{
    /// <summary>Writes <paramref name="value"/> as JSON with KubeJson.</summary>
    public static Task WriteJsonAsync<T>(this HttpContext context, int code, T value) =>
        context.WriteRawAsync(code, KubeJson.Serialize(value));

    /// <summary>Writes a raw JSON body.</summary>
    public static async Task WriteRawAsync(this HttpContext context, int code, string json, string contentType = "application/json")
    {
        context.Response.StatusCode = code;
        context.Response.ContentType = contentType;
        await context.Response.WriteAsync(json);
    }

    /// <summary>Writes a Status body like the API server's.</summary>
    public static Task WriteStatusAsync(this HttpContext context, int code, string reason, string message, IReadOnlyList<StatusCause>? causes = null) =>
        context.WriteJsonAsync(code, new Status
        {
            Outcome = code < 400 ? "Success" : "Failure",
            Code = code,
            Reason = reason,
            Message = message,
            Details = causes is null ? null : new StatusDetails { Causes = causes },
        });

    /// <summary>
    /// Streams <paramref name="chunks"/> as separate flushed writes (chunked encoding), pausing between them
    /// so the client really receives them apart, then ends the response (a clean close).
    /// </summary>
    public static async Task StreamChunksAsync(this HttpContext context, params string[] chunks)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await context.Response.StartAsync();
        foreach (var chunk in chunks)
        {
            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(chunk));
            await context.Response.Body.FlushAsync();
            await Task.Delay(20); // The gap is the behaviour under test: chunks must arrive separately.
        }
    }

    /// <summary>One watch event line: <c>{"type":..,"object":..}\n</c>.</summary>
    public static string WatchLine<T>(string type, T obj) => $"{{\"type\":\"{type}\",\"object\":{KubeJson.Serialize(obj)}}}\n";
}
