using FluentAssertions;
using Xunit;
using ZeroDowntime.Fixtures.Load;
using ZeroDowntime.Fixtures.Measurement;
using ZeroDowntime.K6Double;

namespace ZeroDowntime.Fixtures.Tests.Load;

/// <summary>The double prints what the real script prints through k6, so the same parsers read both.</summary>
public sealed class K6DoubleOutputTests
{
    [Fact]
    public void Double_attempt_line_is_k6_logfmt_that_K6LineParser_reads()
    {
        var line = K6Console.LogLine(DateTimeOffset.Parse("2026-01-01T12:00:00Z"), "info", K6Console.AttemptMessage(12, 1735732800123, 41, 0, 1212, ok: false));
        line.Should().Be("time=\"2026-01-01T12:00:00Z\" level=info msg=\"ZD_ATTEMPT seq=12 start_ms=1735732800123 latency_ms=41 status=0 error_code=1212 ok=0\" source=console");

        K6LineParser.TryParse(line, out var attempt).Should().BeTrue();
        attempt.Sequence.Should().Be(12);
        attempt.ErrorKind.Should().Be(AttemptErrorKind.ConnectionRefused);
        attempt.Start.Should().Be(DateTimeOffset.FromUnixTimeMilliseconds(1735732800123));
    }

    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("30s", 30_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("1m30s", 90_000)]
    public void Double_reads_k6_durations_as_the_fixture_writes_them(string text, int milliseconds) =>
        DoubleSettings.ParseDuration(text).Should().Be(TimeSpan.FromMilliseconds(milliseconds));

    [Fact]
    public void Double_reads_the_script_environment_the_Job_sets()
    {
        var options = K6JobTestOptions.For(new Uri("http://127.0.0.1:8000/VLLMDeployment"));
        var env = K6Script.Environment(options.Load).ToDictionary(p => p.Key, p => p.Value);
        var settings = DoubleSettings.Parse(K6JobManifests.Arguments(options), env);
        settings.TargetUrl.Should().Be(options.Load.Request.Uri);
        (settings.Rate, settings.TimeUnit, settings.MaxVus).Should().Be((20, TimeSpan.FromSeconds(1), 10));
        settings.RequestTimeout.Should().Be(options.Load.RequestTimeout);
        settings.Duration.Should().Be(options.Load.Duration);
        settings.Address.Should().Be("0.0.0.0:6565");
        settings.Body.Should().Be(options.Load.Request.JsonBody);
    }

    [Fact]
    public void Double_summary_has_the_script_schema_K6SummaryParser_reads()
    {
        var settings = DoubleSettings.Parse(["run"], new Dictionary<string, string> { ["TARGET_URL"] = "http://127.0.0.1:9/" });
        using var run = new LoadRun(settings);
        var summary = K6SummaryParser.Parse(run.SummaryJson());
        summary.Generator.Should().Be("k6");
        summary.Attempts.Should().Be(0);
        summary.P95.Should().BeNull("a metric with no samples is absent, as in k6");
        summary.Thresholds.Keys.Should().Equal("zd_success: rate>0.90", "zd_latency: p(95)<5000");
    }
}
