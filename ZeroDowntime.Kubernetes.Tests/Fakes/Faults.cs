using System.Text;
using Microsoft.AspNetCore.Http;

namespace ZeroDowntime.Kubernetes.Tests.Fakes;

/// <summary>Route handlers for <see cref="FakeApiServer"/> that misbehave the way networks and overloaded API servers do.</summary>
public static class Faults
{
    /// <summary>Drops the connection without answering.</summary>
    public static Task ResetAsync(HttpContext context)
    {
        context.Abort();
        return Task.CompletedTask;
    }

    /// <summary>Never answers (until the client leaves).</summary>
    public static Task StallAsync(HttpContext context) => HttpContextResponses.WaitUntilGoneAsync(context);

    /// <summary>Announces <paramref name="body"/> with its full Content-Length, sends half of it, then drops the connection.</summary>
    public static Func<HttpContext, Task> ResetMidBody(string body) => async context =>
    {
        await SendHalfAsync(context, body);
        context.Abort();
    };

    /// <summary>Announces <paramref name="body"/> with its full Content-Length, sends half of it, then sends nothing more.</summary>
    public static Func<HttpContext, Task> StallMidBody(string body) => async context =>
    {
        await SendHalfAsync(context, body);
        await HttpContextResponses.WaitUntilGoneAsync(context);
    };

    /// <summary>Streams <paramref name="chunks"/> as a watch does, then drops the connection mid-stream (no clean end of the chunked body).</summary>
    public static Func<HttpContext, Task> ResetMidStream(params string[] chunks) => async context =>
    {
        await context.StreamChunksAsync(chunks);
        await Task.Delay(50); // A reset discards what the client has not read yet: let it read what was sent.
        context.Abort();
    };

    private static async Task SendHalfAsync(HttpContext context, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes.AsMemory(0, bytes.Length / 2));
        await context.Response.Body.FlushAsync();
    }
}
