using System.Text.Json;
using FluentAssertions;
using Xunit;
using Xunit.Abstractions;
using ZeroDowntime.MockVllm.Tests.Infrastructure;

namespace ZeroDowntime.MockVllm.Tests;

/// <summary>Head replacement with real processes, as the local kubelet runs them: SIGTERM the head, start a new one on the same port.</summary>
public sealed class ProcessMembershipTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_head_process_replaced_on_the_same_port_sees_the_worker_process_reconnect()
    {
        await using var head = await MockVllmProcess.StartAsync("--role", "head", "--node-name", "head-a");
        await using var worker = await MockVllmProcess.StartAsync(
            "--node-name", "worker-1", "--head", head.Dashboard!.ToString(), "--heartbeat-interval", "200ms", "--head-max-backoff", "500ms");
        using var http = new HttpClient { Timeout = Timeouts.Request };
        await WaitForAliveAsync(http, head.Dashboard, "worker-1");

        head.SendSignal(MockVllmProcess.SIGTERM);
        (await head.WaitForExitAsync(Timeouts.ProcessExit)).Should().Be(0);
        await using var replacement = await MockVllmProcess.StartAsync("--role", "head", "--node-name", "head-b", "--dashboard-port", head.Dashboard.Port.ToString());

        var reconnectedWithin = System.Diagnostics.Stopwatch.StartNew();
        var nodes = await WaitForAliveAsync(http, replacement.Dashboard!, "worker-1");
        output.WriteLine($"worker reconnected {reconnectedWithin.ElapsedMilliseconds} ms after the new head listened");

        RayNodes.StateOf(nodes, "head-b").Should().Be("ALIVE");
        (await replacement.Log.WaitForLineAsync("node worker-1", Timeouts.LogLine)).Should().EndWith("reconnected after head restart");
        await worker.Log.WaitForLineAsync("reconnected to new head instance", Timeouts.LogLine);
    }

    private static Task<JsonElement> WaitForAliveAsync(HttpClient http, Uri dashboard, string nodeName) =>
        Eventually.MatchesAsync(
            async () => JsonDocument.Parse(await http.GetStringAsync(new Uri(dashboard, "/api/v0/nodes"))).RootElement.Clone(),
            nodes => RayNodes.StateOf(nodes, nodeName) == "ALIVE",
            Timeouts.Membership,
            $"{dashboard} reports {nodeName} ALIVE");
}
