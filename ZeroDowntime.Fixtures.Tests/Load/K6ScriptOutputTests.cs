using System.Diagnostics;
using System.Text.Json;
using FluentAssertions;
using Xunit;
using ZeroDowntime.Fixtures.Load;
using ZeroDowntime.Fixtures.Measurement;

namespace ZeroDowntime.Fixtures.Tests.Load;

/// <summary>
/// Runs the real script under Node with stub k6 modules (k6-harness.mjs) and feeds what it prints
/// to the C# parsers: the script and the parsers cannot drift apart unnoticed.
/// </summary>
public sealed class K6ScriptOutputTests : IDisposable
{
    private static readonly TimeSpan NodeDeadline = TimeSpan.FromSeconds(30);
    private readonly string _directory = Directory.CreateTempSubdirectory("zd-k6-").FullName;

    [RequiresNodeFact]
    public async Task The_scripts_attempt_lines_and_summary_read_back_through_the_parsers()
    {
        var output = await RunHarnessAsync();
        var lines = output.GetProperty("lines").EnumerateArray().Select(l => l.GetString()!).ToList();

        // As k6 would print them through logrus in a pod: time="..." level=info msg="..." source=console
        var attempts = K6LineParser.ParseAll(lines.Select(l => $"time=\"2025-01-01T12:00:00Z\" level=info msg=\"{l}\" source=console")).ToList();

        attempts.Select(a => (a.Sequence, a.Outcome, a.HttpStatus, a.ErrorKind)).Should().Equal(
            (0L, AttemptOutcome.Success, (int?)200, AttemptErrorKind.None),
            (1L, AttemptOutcome.Failure, (int?)null, AttemptErrorKind.ConnectionRefused),
            (2L, AttemptOutcome.Failure, (int?)503, AttemptErrorKind.HttpStatus),
            (3L, AttemptOutcome.Failure, (int?)200, AttemptErrorKind.BadBody));
        attempts.Should().OnlyContain(a => a.Source == AttemptSources.K6 && a.Start > DateTimeOffset.UnixEpoch);

        var outputs = output.GetProperty("outputs");
        K6SummaryParser.TryFindInLog(outputs.GetProperty("stdout").GetString()!.Split('\n'), out var summary).Should().BeTrue();
        summary.Should().BeEquivalentTo(new
        {
            Generator = "k6",
            Attempts = 4L,
            Successes = 1L,
            P50 = (TimeSpan?)TimeSpan.FromMilliseconds(4),
            P95 = (TimeSpan?)TimeSpan.FromMilliseconds(11.1),
            P99 = (TimeSpan?)TimeSpan.FromMilliseconds(11.82),
            DroppedIterations = 2L,
            Duration = TimeSpan.FromMilliseconds(1234.5),
            ThresholdsPassed = (bool?)false,
        });
        summary.Thresholds.Should().Equal(new Dictionary<string, bool> { ["zd_success: rate>0.90"] = false, ["zd_latency: p(95)<5000"] = true });
        K6SummaryParser.Parse(outputs.GetProperty("/tmp/zd-termination-log").GetString()!).Should().BeEquivalentTo(summary);
    }

    [RequiresNodeFact]
    public async Task Stages_make_the_script_a_ramping_arrival_rate_of_steps_that_holds_the_last_rate()
    {
        var options = new LoadOptions
        {
            Request = ZeroDowntime.Fixtures.Probes.InferenceRequest.Completion(new Uri("http://svc/VLLMDeployment")),
            Stages = LoadStages.Parse("5:30s,20:60s"),
            Duration = TimeSpan.FromMinutes(3),
            MaxConcurrency = 50,
        };

        var output = await RunHarnessAsync(K6Script.Environment(options));

        var scenario = output.GetProperty("options").GetProperty("scenarios").GetProperty("zero_downtime");
        scenario.GetProperty("executor").GetString().Should().Be("ramping-arrival-rate");
        scenario.GetProperty("startRate").GetInt32().Should().Be(5);
        scenario.GetProperty("timeUnit").GetString().Should().Be("1s");
        scenario.GetProperty("maxVUs").GetInt32().Should().Be(50);
        scenario.GetProperty("stages").EnumerateArray().Select(s => (s.GetProperty("target").GetInt32(), s.GetProperty("duration").GetString())).Should().Equal(
            (5, "0s"), (5, "30s"), (20, "0s"), (20, "60s"), (20, "90s"));
    }

    [RequiresNodeFact]
    public async Task Without_stages_the_script_keeps_a_constant_arrival_rate()
    {
        var output = await RunHarnessAsync();

        output.GetProperty("options").GetProperty("scenarios").GetProperty("zero_downtime").GetProperty("executor").GetString()
            .Should().Be("constant-arrival-rate");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private async Task<JsonElement> RunHarnessAsync(IReadOnlyDictionary<string, string>? environment = null)
    {
        var script = Path.Combine(_directory, K6Script.FileName);
        await File.WriteAllTextAsync(script, K6Script.Text);
        var harness = Path.Combine(AppContext.BaseDirectory, "Load", "k6-harness.mjs");
        using var node = Process.Start(new ProcessStartInfo(RequiresNodeFactAttribute.NodePath!, [harness, script, JsonSerializer.Serialize(environment ?? new Dictionary<string, string>())])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        using var deadline = new CancellationTokenSource(NodeDeadline);
        var stdout = node.StandardOutput.ReadToEndAsync(deadline.Token);
        var stderr = node.StandardError.ReadToEndAsync(deadline.Token);
        await node.WaitForExitAsync(deadline.Token);
        node.ExitCode.Should().Be(0, "the harness must run the script cleanly; stderr: {0}", await stderr);
        return JsonDocument.Parse(await stdout).RootElement.Clone();
    }
}
