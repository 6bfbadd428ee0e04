using System.Diagnostics;
using System.Text.Json;

namespace ZeroDowntime.MockVllm.Serving;

/// <summary><c>POST /VLLMDeployment</c>: the reference target's inference call.</summary>
internal static class InferenceEndpoint
{
    public const string RoutePrefix = "/VLLMDeployment";
    public const string DeploymentName = "VLLMDeployment";
    public const int DefaultMaxTokens = 16;
    public const int MaxTokensLimit = 4096;

    public static void Map(WebApplication app)
    {
        app.MapPost(RoutePrefix, HandleAsync);
    }

    private static async Task<IResult> HandleAsync(HttpContext context, ServiceState state, MockVllmOptions options)
    {
        context.Response.Headers["x-zd-node"] = options.NodeName;
        if (!state.TryEnter())
        {
            // Like Ray Serve's proxy while shutting down; the client should reconnect elsewhere.
            context.Response.Headers.Connection = "close";
            return Error(StatusCodes.Status503ServiceUnavailable, "Service unavailable: this node is draining.");
        }
        try
        {
            if (!state.IsModelLoaded)
            {
                return Error(StatusCodes.Status503ServiceUnavailable, "Service unavailable: the model is still loading.");
            }
            var (request, error) = await ReadRequestAsync(context);
            if (error is not null)
            {
                return error;
            }
            // The work first (real CPU, so load shows in the pod's usage), then whatever is left of the token latency.
            var started = Stopwatch.GetTimestamp();
            CpuBurner.Burn(options.CpuPerToken * request!.MaxTokens, context.RequestAborted);
            var remaining = options.TokenLatency * request.MaxTokens - Stopwatch.GetElapsedTime(started);
            if (remaining > TimeSpan.Zero)
            {
                await Task.Delay(remaining, context.RequestAborted);
            }
            if (state.IsDraining)
            {
                context.Response.Headers.Connection = "close";
            }
            return Results.Json(new { generated_text = TextGenerator.Generate(request.Prompt, request.MaxTokens) });
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return Results.Empty;
        }
        finally
        {
            state.Exit();
        }
    }

    private static async Task<(InferenceRequest? Request, IResult? Error)> ReadRequestAsync(HttpContext context)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (JsonException ex)
        {
            return (null, Error(StatusCodes.Status400BadRequest, "Invalid JSON body.", ex.Message));
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, Error(StatusCodes.Status400BadRequest, "Request body must be a JSON object."));
            }
            if (!root.TryGetProperty("prompt", out var prompt) || prompt.ValueKind != JsonValueKind.String)
            {
                return (null, Error(StatusCodes.Status400BadRequest, "Field 'prompt' is required and must be a string."));
            }
            var maxTokens = DefaultMaxTokens;
            if (root.TryGetProperty("max_tokens", out var max) && max.ValueKind != JsonValueKind.Null
                && (max.ValueKind != JsonValueKind.Number || !max.TryGetInt32(out maxTokens) || maxTokens < 1 || maxTokens > MaxTokensLimit))
            {
                return (null, Error(StatusCodes.Status400BadRequest, $"Field 'max_tokens' must be an integer from 1 to {MaxTokensLimit}."));
            }
            if (root.TryGetProperty("temperature", out var temperature) && temperature.ValueKind != JsonValueKind.Null
                && (temperature.ValueKind != JsonValueKind.Number || !temperature.TryGetDouble(out var t) || t < 0 || t > 2))
            {
                return (null, Error(StatusCodes.Status400BadRequest, "Field 'temperature' must be a number from 0 to 2."));
            }
            return (new InferenceRequest(prompt.GetString()!, maxTokens), null);
        }
    }

    private static IResult Error(int status, string error, string? detail = null) =>
        detail is null
            ? Results.Json(new { error }, statusCode: status)
            : Results.Json(new { error, detail }, statusCode: status);

    private sealed record InferenceRequest(string Prompt, int MaxTokens);
}
