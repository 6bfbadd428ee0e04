using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace ZeroDowntime.MockVllm.Tests.Infrastructure;

/// <summary>A MockVllm node hosted in the test process on 127.0.0.1 free ports, with its log captured.</summary>
internal sealed class InProcessNode : IAsyncDisposable
{
    private bool stopped;

    private InProcessNode(WebApplication app, LogCapture log)
    {
        App = app;
        Log = log;
        var endpoints = app.Services.GetRequiredService<MockVllmEndpoints>();
        Serve = endpoints.ServeUri;
        Agent = endpoints.AgentUri;
        Dashboard = endpoints.DashboardUri;
        Http = new HttpClient { Timeout = Timeouts.Request };
    }

    public WebApplication App { get; }

    public LogCapture Log { get; }

    public Uri Serve { get; }

    public Uri? Agent { get; }

    public Uri? Dashboard { get; }

    public HttpClient Http { get; }

    /// <summary>Starts a node; defaults to loopback and free ports, <paramref name="args"/> come last and win.</summary>
    public static async Task<InProcessNode> StartAsync(params string[] args)
    {
        var log = new LogCapture();
        string[] defaults = ["--host", "127.0.0.1", "--port", "0", "--agent-port", "0", "--dashboard-port", "0"];
        var app = MockVllmApp.Build([.. defaults, .. args], new Dictionary<string, string?>(), log);
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        return new InProcessNode(app, log);
    }

    public Task<HttpResponseMessage> InferAsync(string prompt = "What is the capital of France?", int maxTokens = 10, CancellationToken cancellationToken = default) =>
        Http.PostAsJsonAsync(new Uri(Serve, "/VLLMDeployment"), new { prompt, max_tokens = maxTokens, temperature = 0.7 }, cancellationToken);

    public async Task<JsonElement> GetNodesAsync(string query = "")
    {
        var uri = new Uri(Dashboard ?? throw new InvalidOperationException("Not a head."), "/api/v0/nodes" + query);
        using var document = JsonDocument.Parse(await Http.GetStringAsync(uri));
        return document.RootElement.Clone();
    }

    /// <summary>Stops without a drain (like a crash for the head's bookkeeping: no leave is sent).</summary>
    public async Task StopAsync()
    {
        if (!stopped)
        {
            stopped = true;
            await App.StopAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        try
        {
            await StopAsync();
        }
        finally
        {
            await App.DisposeAsync();
        }
    }
}
