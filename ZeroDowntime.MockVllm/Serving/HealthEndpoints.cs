using System.Text.Json;

namespace ZeroDowntime.MockVllm.Serving;

/// <summary>Health routes with the paths Ray Serve's proxy, the dashboard agent and the dashboard expose (KubeRay probes them).</summary>
internal static class HealthEndpoints
{
    public const string Success = "success";

    public static void Map(WebApplication app, MockVllmOptions options)
    {
        app.MapGet("/-/healthz", (ServiceState state) => ServeHealth(state));
        app.MapGet("/-/routes", (ServiceState state) =>
            Results.Json(state.IsModelLoaded
                ? new Dictionary<string, string> { [InferenceEndpoint.RoutePrefix] = InferenceEndpoint.DeploymentName }
                : []));
        app.MapGet("/api/local_raylet_healthz", (ServiceState state) => ProcessHealth(state));
        if (options.Role == NodeRole.Head)
        {
            app.MapGet("/api/gcs_healthz", (ServiceState state) => ProcessHealth(state));
        }
        app.MapGet("/api/version", () => Results.Json(new
        {
            version = "mock",
            ray_version = "mock",
            ray_commit = "mock",
            session_name = "zerodowntime",
        }));
        // Test hook: what a disruption test needs to see inside a node.
        app.MapGet("/-/zd/stats", (ServiceState state) => Results.Json(new
        {
            node_name = options.NodeName,
            node_id = options.NodeId,
            role = options.Role.ToString().ToLowerInvariant(),
            in_flight = state.InFlight,
            draining = state.IsDraining,
            model_loaded = state.IsModelLoaded,
        }));
        // Test hook: lets a probe test fail or restore readiness on a running pod.
        app.MapPost("/-/zd/readiness", async (HttpContext context, ServiceState state, EventLog log) =>
        {
            try
            {
                using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
                if (!body.RootElement.TryGetProperty("ready", out var ready) || ready.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    return Results.Json(new { error = "Field 'ready' is required and must be true or false." }, statusCode: 400);
                }
                state.FailReadiness = !ready.GetBoolean();
                log.Write($"readiness set to {(ready.GetBoolean() ? "passing" : "failing")} by /-/zd/readiness");
                return Results.Json(new { ready = ready.GetBoolean() });
            }
            catch (JsonException ex)
            {
                return Results.Json(new { error = "Invalid JSON body.", detail = ex.Message }, statusCode: 400);
            }
        });
    }

    private static IResult ServeHealth(ServiceState state) =>
        state switch
        {
            { IsDraining: true } => Unavailable("This node is being drained."),
            { IsUnhealthy: true } => Unavailable("Unhealthy: the --unhealthy-after time has passed."),
            { IsModelLoaded: false } => Unavailable("The model is still loading."),
            { FailReadiness: true } => Unavailable("Readiness is failing on purpose (--fail-readiness)."),
            _ => Results.Text(Success),
        };

    private static IResult ProcessHealth(ServiceState state) =>
        state.IsUnhealthy ? Unavailable("Unhealthy: the --unhealthy-after time has passed.") : Results.Text(Success);

    private static IResult Unavailable(string reason) => Results.Text(reason, statusCode: StatusCodes.Status503ServiceUnavailable);
}
