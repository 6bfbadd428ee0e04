using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Connections.Features;
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

    /// <summary>Announces <paramref name="body"/> with its full Content-Length, sends half of it, then resets the connection.</summary>
    public static Func<HttpContext, Task> ResetMidBody(string body) => context =>
    {
        SendRaw(context, Head(body), Half(body));
        context.Abort();
        return Task.CompletedTask;
    };

    /// <summary>
    /// Announces <paramref name="body"/> with its full Content-Length, sends half of it, then closes the connection
    /// (a FIN, not a reset, so the half certainly arrives first): the client sees the body end prematurely.
    /// </summary>
    public static Func<HttpContext, Task> CutMidBody(string body) => async context =>
    {
        SendRaw(context, Head(body), Half(body)).Shutdown(SocketShutdown.Send);
        await HttpContextResponses.WaitUntilGoneAsync(context);
        context.Abort();
    };

    /// <summary>Announces <paramref name="body"/> with its full Content-Length, sends half of it, then sends nothing more.</summary>
    public static Func<HttpContext, Task> StallMidBody(string body) => async context =>
    {
        await SendHalfAsync(context, body);
        await HttpContextResponses.WaitUntilGoneAsync(context);
    };

    /// <summary>
    /// Streams <paramref name="chunks"/> as a watch does, then resets the connection mid-stream. A reset can discard
    /// what the client has not read yet, so the last chunk may be lost with it, as on a real network.
    /// </summary>
    public static Func<HttpContext, Task> ResetMidStream(params string[] chunks) => async context =>
    {
        await context.StreamChunksAsync(chunks);
        context.Abort();
    };

    /// <summary>
    /// Answers 200 with <paramref name="lines"/> as chunks of a watch stream, then closes the connection without
    /// ending the chunked body: everything sent arrives, then the stream breaks ("the response ended prematurely").
    /// </summary>
    public static Func<HttpContext, Task> CutMidStream(params string[] lines) => async context =>
    {
        var chunks = string.Concat(lines.Select(line => string.Create(CultureInfo.InvariantCulture, $"{Encoding.UTF8.GetByteCount(line):x}\r\n{line}\r\n")));
        SendRaw(context, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n", chunks).Shutdown(SocketShutdown.Send);
        await HttpContextResponses.WaitUntilGoneAsync(context);
        context.Abort();
    };

    private static string Head(string body) =>
        $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n";

    private static string Half(string body) => body[..(body.Length / 2)];

    // Written straight into the socket, not through Kestrel's output pipe, so every byte is queued in the kernel
    // before the test closes or resets the connection (the pipe would still be sending).
    private static Socket SendRaw(HttpContext context, string head, string body)
    {
        var socket = context.Features.Get<IConnectionSocketFeature>()!.Socket;
        socket.Send(Encoding.UTF8.GetBytes(head + body));
        return socket;
    }

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
