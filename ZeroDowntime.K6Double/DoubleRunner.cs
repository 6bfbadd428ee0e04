using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ZeroDowntime.K6Double;

/// <summary>
/// The double's life: k6's exit codes (0 done, 99 thresholds failed, 103 REST stop, 105 signal,
/// 107 script exception), its REST API (<c>GET/PATCH /v1/status</c>) and its summary at every normal end.
/// </summary>
public static class DoubleRunner
{
    /// <summary>k6's exit codes the double uses.</summary>
    public const int ThresholdsFailed = 99, RestStopped = 103, InvalidConfig = 104, Signalled = 105, ScriptException = 107;

    /// <summary>Runs the double and returns its exit code.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, IReadOnlyDictionary<string, string> env)
    {
        DoubleSettings settings;
        try
        {
            settings = DoubleSettings.Parse(args, env);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or JsonException)
        {
            K6Console.Log("error", ex.Message, source: null);
            return InvalidConfig;
        }

        var exit = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        Action<int>? finishOnSignal = null;
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Signal);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Signal);
        switch (settings.Failure)
        {
            case FailureMode.CrashOnStart:
                K6Console.Log("error", "ReferenceError: zdUndefined is not defined\n\tat file:///scripts/zero-downtime.js:1:1(1)", source: null);
                return ScriptException;
            case FailureMode.NeverStart:
                return await exit.Task.ConfigureAwait(false) == Signalled ? 143 : 1; // killed like a process that never reached k6's handler
        }

        using var run = new LoadRun(settings);
        var stopRequested = 0;
        finishOnSignal = Finish;
        void Finish(int code)
        {
            if (Interlocked.Exchange(ref stopRequested, 1) != 0)
            {
                return;
            }

            if (settings.Failure == FailureMode.Hang)
            {
                if (code == Signalled)
                {
                    exit.TrySetResult(code); // dies without a summary
                }

                return;
            }

            run.Stop();
            WriteSummary(run, settings);
            exit.TrySetResult(code);
        }

        WebApplication? api = settings.Address is null ? null : await StartApiAsync(settings.Address, run, () => Finish(RestStopped), () => Volatile.Read(ref stopRequested) != 0).ConfigureAwait(false);
        try
        {
            K6Console.Log("info", $"k6 double: constant-arrival-rate {settings.Rate} per {settings.TimeUnit.TotalSeconds:0.###}s, maxVUs {settings.MaxVus}, duration {settings.Duration.TotalSeconds:0.###}s, target {settings.TargetUrl}", source: null);
            _ = Task.Run(async () =>
            {
                await run.RunAsync().ConfigureAwait(false);
                Finish(run.ThresholdsOk() ? 0 : ThresholdsFailed);
            });

            return await exit.Task.ConfigureAwait(false);
        }
        finally
        {
            if (api is not null)
            {
                await api.DisposeAsync().ConfigureAwait(false);
            }
        }

        void Signal(PosixSignalContext context)
        {
            context.Cancel = true; // k6 handles the signal itself: summary, then exit 105
            if (settings.Failure == FailureMode.None && finishOnSignal is { } finish)
            {
                finish(Signalled);
            }
            else
            {
                exit.TrySetResult(Signalled);
            }
        }
    }

    private static void WriteSummary(LoadRun run, DoubleSettings settings)
    {
        var json = run.SummaryJson();
        K6Console.Stdout($"\nZD_K6_SUMMARY {json}\n");
        if (settings.TerminationLog is { } path)
        {
            File.WriteAllText(path, json);
        }
    }

    private static async Task<WebApplication> StartApiAsync(string address, LoadRun run, Action stop, Func<bool> stopped)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://{address}");
        var app = builder.Build();
        app.MapGet("/v1/status", () => Results.Json(Status(run, stopped())));
        app.MapMethods("/v1/status", ["PATCH"], async (HttpContext context) =>
        {
            JsonElement body;
            try
            {
                body = await JsonSerializer.DeserializeAsync<JsonElement>(context.Request.Body).ConfigureAwait(false);
            }
            catch (JsonException ex)
            {
                return Results.Json(new { errors = new[] { new { title = "invalid JSON", detail = ex.Message } } }, statusCode: 400);
            }

            var wantsStop = body.TryGetProperty("data", out var data) && data.TryGetProperty("attributes", out var attributes)
                && attributes.TryGetProperty("stopped", out var flag) && flag.ValueKind == JsonValueKind.True;
            if (wantsStop)
            {
                context.Response.OnCompleted(() => Task.Run(stop)); // answer first, then stop like k6
            }

            return Results.Json(Status(run, stopped() || wantsStop));
        });
        await app.StartAsync().ConfigureAwait(false);
        return app;
    }

    private static object Status(LoadRun run, bool stopped) => new
    {
        data = new
        {
            type = "status",
            id = "default",
            attributes = new Dictionary<string, object>
            {
                ["status"] = stopped ? 9 : 7,
                ["paused"] = false,
                ["vus"] = run.InFlight,
                ["stopped"] = stopped,
                ["running"] = !stopped,
                ["tainted"] = false,
            },
        },
    };
}
