using FluentAssertions;
using Xunit;
using ZeroDowntime.Fixtures.Load;

namespace ZeroDowntime.Fixtures.Tests.Load;

public class K6SummaryParserTests
{
    // The JSON is what k6/zero-downtime.js's handleSummary builds from k6's documented summary data
    // (metrics.<name>.values: Rate {rate, passes, fails}, Trend keys from summaryTrendStats,
    // Counter {count, rate}; metrics.<name>.thresholds.<expr>.ok; state.testRunDurationMs).
    private const string Json = """{"schema":"zerodowntime.k6-summary/v1","generator":"k6","attempts":3000,"successes":2940,"success_rate":0.98,"p50_ms":41.5,"p95_ms":180.25,"p99_ms":30000,"dropped_iterations":7,"duration_ms":600012.5,"thresholds_ok":false,"thresholds":{"zd_success: rate>0.90":true,"zd_latency: p(95)<5000":false}}""";

    [Fact]
    public void Finds_the_summary_line_in_a_pod_log_and_reads_every_field()
    {
        var log = new[]
        {
            "time=\"2025-01-01T12:00:00Z\" level=info msg=\"ZD_ATTEMPT seq=0 start_ms=1000 latency_ms=5 status=200 error_code=0 ok=1\" source=console",
            string.Empty,
            "2025-01-01T12:10:00.5Z ZD_K6_SUMMARY " + Json, // handleSummary's stdout, here with kubectl's timestamp prefix
        };

        K6SummaryParser.TryFindInLog(log, out var summary).Should().BeTrue();

        summary.Should().BeEquivalentTo(new
        {
            Generator = "k6",
            Attempts = 3000L,
            Successes = 2940L,
            Failures = 60L,
            SuccessRate = 0.98,
            P50 = TimeSpan.FromMilliseconds(41.5),
            P95 = TimeSpan.FromMilliseconds(180.25),
            P99 = TimeSpan.FromSeconds(30),
            DroppedIterations = 7L,
            Duration = TimeSpan.FromMilliseconds(600012.5),
            ThresholdsPassed = (bool?)false,
        });
        summary.Thresholds.Should().Equal(new Dictionary<string, bool> { ["zd_success: rate>0.90"] = true, ["zd_latency: p(95)<5000"] = false });
    }

    [Fact]
    public void Reads_a_trimmed_termination_message_that_keeps_only_the_threshold_verdict()
    {
        var trimmed = Json.Replace("""{"zd_success: rate>0.90":true,"zd_latency: p(95)<5000":false}""", "{}", StringComparison.Ordinal);

        var summary = K6SummaryParser.Parse(trimmed);

        summary.ThresholdsPassed.Should().BeFalse();
        summary.Attempts.Should().Be(3000);
    }

    [Fact]
    public void A_run_without_samples_has_no_percentiles()
    {
        var summary = K6SummaryParser.Parse("""{"schema":"zerodowntime.k6-summary/v1","attempts":0,"successes":0,"success_rate":null,"p50_ms":null,"p95_ms":null,"p99_ms":null,"dropped_iterations":0,"duration_ms":10,"thresholds_ok":true,"thresholds":{}}""");

        summary.P95.Should().BeNull();
        double.IsNaN(summary.SuccessRate).Should().BeTrue();
    }

    [Fact]
    public void A_log_without_a_summary_line_says_so()
    {
        K6SummaryParser.TryFindInLog(["time=\"2025-01-01T12:00:00Z\" level=error msg=\"panic\""], out _).Should().BeFalse();
    }

    [Fact]
    public void Json_of_another_shape_is_rejected_with_the_expected_schema_named()
    {
        var act = () => K6SummaryParser.Parse("""{"metrics":{}}""");

        act.Should().Throw<FormatException>().WithMessage("Not a k6 summary of schema 'zerodowntime.k6-summary/v1'.");
    }
}
