using System.Net;
using FluentAssertions;
using Xunit;
using ZeroDowntime.MockVllm.Tests.Infrastructure;
using static ZeroDowntime.MockVllm.Tests.MembershipTests;

namespace ZeroDowntime.MockVllm.Tests;

public sealed class HeadReplacementTests
{
    [Fact]
    public async Task Workers_keep_serving_while_the_head_is_down_and_reconnect_to_its_replacement()
    {
        var head = await InProcessNode.StartAsync("--role", "head", "--node-name", "head-a", "--node-dead-timeout", "2s");
        await using var w1 = await StartWorkerAsync(head, "worker-1");
        await using var w2 = await StartWorkerAsync(head, "worker-2");
        await WaitForStatesAsync(head, ("worker-1", "ALIVE"), ("worker-2", "ALIVE"));
        var dashboardPort = head.Dashboard!.Port;

        await head.DisposeAsync();
        await w1.Log.WaitForLineAsync("lost contact with head", Timeouts.LogLine);
        using (var whileHeadDown = await w1.InferAsync())
        {
            whileHeadDown.StatusCode.Should().Be(HttpStatusCode.OK, "workers keep serving while the head is down");
        }
        await using var replacement = await InProcessNode.StartAsync("--role", "head", "--node-name", "head-b", "--dashboard-port", dashboardPort.ToString());

        var nodes = await WaitForStatesAsync(replacement, ("worker-1", "ALIVE"), ("worker-2", "ALIVE"));

        RayNodes.StateOf(nodes, "head-a").Should().BeNull("without Redis the new head knows only what reconnects");
        (await replacement.Log.WaitForLineAsync("node worker-1", Timeouts.LogLine)).Should().EndWith("reconnected after head restart");
        await w1.Log.WaitForLineAsync("reconnected to new head instance", Timeouts.LogLine);
        await w2.Log.WaitForLineAsync("reconnected to new head instance", Timeouts.LogLine);
    }
}
