using System.Net;
using System.Net.Http.Json;
using FluentAssertions;
using Xunit;
using Xunit.Abstractions;
using ZeroDowntime.MockVllm.Tests.Infrastructure;

namespace ZeroDowntime.MockVllm.Tests;

/// <summary>SIGTERM against a real child process: the graceful drain and its negative control, the abrupt exit.</summary>
public sealed class ProcessTerminationTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Sigterm_drains_gracefully_in_flight_completes_new_is_refused_exit_code_0()
    {
        await using var node = await MockVllmProcess.StartAsync("--token-latency-ms", "30", "--node-name", "graceful");
        using var http = new HttpClient { Timeout = Timeouts.Request };
        var inFlight = PostAsync(http, node.Serve, maxTokens: 100); // about 3 s
        await WaitUntilInFlightAsync(node, http);

        node.SendSignal(MockVllmProcess.SIGTERM);
        await node.Log.WaitForLineAsync("received SIGTERM; draining", Timeouts.LogLine);
        var afterSignal = await OutcomeAsync(PostAsync(http, node.Serve, maxTokens: 1));
        using var finished = await inFlight;
        var exitCode = await node.WaitForExitAsync(Timeouts.ProcessExit);
        output.WriteLine(node.Log.ToString());

        finished.StatusCode.Should().Be(HttpStatusCode.OK, "the request in flight at SIGTERM must complete");
        (await finished.Content.ReadFromJsonAsync<GeneratedText>())!.generated_text.Should().NotBeNullOrWhiteSpace();
        afterSignal.Should().BeOneOf("503", "refused", "reset");
        exitCode.Should().Be(0);
        node.Log.Lines.Should().Contain(line => line.Contains("exiting with code 0"));
    }

    [Fact]
    public async Task Sigterm_in_abrupt_mode_drops_the_in_flight_request_negative_control()
    {
        await using var node = await MockVllmProcess.StartAsync("--token-latency-ms", "30", "--abrupt", "--node-name", "abrupt");
        using var http = new HttpClient { Timeout = Timeouts.Request };
        var inFlight = PostAsync(http, node.Serve, maxTokens: 200); // about 6 s
        await WaitUntilInFlightAsync(node, http);

        node.SendSignal(MockVllmProcess.SIGTERM);
        var outcome = await OutcomeAsync(inFlight);
        var exitCode = await node.WaitForExitAsync(Timeouts.ProcessExit);
        output.WriteLine(node.Log.ToString());

        outcome.Should().BeOneOf(["reset"], "the abrupt exit must really break the in-flight request");
        exitCode.Should().Be(143);
        node.Log.Lines.Should().Contain(line => line.Contains("abrupt termination: exiting with code 143 now, dropping 1 in-flight request(s)"));
    }

    [Fact]
    public async Task Drain_is_cut_short_by_the_drain_timeout_with_exit_code_1()
    {
        await using var node = await MockVllmProcess.StartAsync("--token-latency-ms", "100", "--drain-timeout", "500ms");
        using var http = new HttpClient { Timeout = Timeouts.Request };
        var inFlight = PostAsync(http, node.Serve, maxTokens: 300); // 30 s: far beyond the drain timeout
        await WaitUntilInFlightAsync(node, http);

        node.SendSignal(MockVllmProcess.SIGTERM);
        var exitCode = await node.WaitForExitAsync(Timeouts.ProcessExit);
        var outcome = await OutcomeAsync(inFlight);

        exitCode.Should().Be(1);
        outcome.Should().NotBe("200");
        node.Log.Lines.Should().Contain(line => line.Contains("drain timeout after 0.5s with 1 request(s) still in flight"));
    }

    [Fact]
    public async Task Process_serves_its_first_200_quickly_and_help_exits_0()
    {
        await using var node = await MockVllmProcess.StartAsync("--token-latency-ms", "0");
        using var http = new HttpClient { Timeout = Timeouts.Request };
        await Eventually.MatchesAsync(async () => (await PostAsync(http, node.Serve, 1)).StatusCode, s => s == HttpStatusCode.OK, Timeouts.ProcessStart, "first inference 200");
        var firstOk = node.SinceLaunch.Elapsed;
        await using var help = await MockVllmProcess.LaunchAsync(["--help"]);
        var helpExit = await help.WaitForExitAsync(Timeouts.ProcessExit);
        await using var bad = await MockVllmProcess.LaunchAsync(["--bogus"]);
        var badExit = await bad.WaitForExitAsync(Timeouts.ProcessExit);

        output.WriteLine($"process start to first 200: {firstOk.TotalMilliseconds:0} ms");
        firstOk.Should().BeLessThan(Timeouts.ProcessStart);
        helpExit.Should().Be(0);
        help.Log.Lines.Should().Contain(line => line.Contains("--token-latency-ms VALUE [env ZD_TOKEN_LATENCY_MS]"));
        badExit.Should().Be(2);
        bad.Log.Lines.Should().Contain("stderr: Unknown flag '--bogus'; see --help.");
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient http, Uri serve, int maxTokens) =>
        http.PostAsJsonAsync(new Uri(serve, "/VLLMDeployment"), new { prompt = "What is the capital of France?", max_tokens = maxTokens, temperature = 0.7 });

    /// <summary>Waits until the node itself counts the slow request as in flight.</summary>
    private static Task WaitUntilInFlightAsync(MockVllmProcess node, HttpClient http) =>
        Eventually.MatchesAsync(
            async () => (await http.GetFromJsonAsync<Stats>(new Uri(node.Serve, "/-/zd/stats")))!.in_flight,
            inFlight => inFlight >= 1,
            Timeouts.Request,
            "the node reports the slow request in flight");

    private static async Task<string> OutcomeAsync(Task<HttpResponseMessage> request)
    {
        try
        {
            using var response = await request;
            return ((int)response.StatusCode).ToString();
        }
        catch (HttpRequestException ex) when (ex.HttpRequestError == HttpRequestError.ConnectionError && ex.InnerException is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.ConnectionRefused })
        {
            return "refused";
        }
        catch (HttpRequestException)
        {
            return "reset";
        }
    }

    private sealed record GeneratedText(string generated_text);

    private sealed record Stats(int in_flight);
}
