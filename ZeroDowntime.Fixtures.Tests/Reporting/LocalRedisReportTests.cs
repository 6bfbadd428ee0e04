using FluentAssertions;
using Xunit;
using ZeroDowntime.Fixtures.Cluster;
using ZeroDowntime.Fixtures.Reporting;
using static ZeroDowntime.Fixtures.Tests.Reporting.SampleResults;

namespace ZeroDowntime.Fixtures.Tests.Reporting;

/// <summary>Which program ran the Redis pods on the embedded cluster: read from the Started event, said by every report, never guessed.</summary>
public sealed class LocalRedisReportTests
{
    [Theory]
    [InlineData("Started container redis (redis:7.2 runs redis-server 7.0.15)", "redis:7.2 runs redis-server 7.0.15")]
    [InlineData("Started container redis (redis:7.2 runs Garnet 2.2.12: redis-server is not installed)", "redis:7.2 runs Garnet 2.2.12: redis-server is not installed")]
    [InlineData("Started container redis", null)]
    [InlineData("Started container app (something else)", null)]
    public void The_program_is_the_bracketed_part_of_the_Started_event(string message, string? expected)
        => LocalRedisProgram.FromMessage(message).Should().Be(expected);

    [Fact]
    public void Summary_json_html_header_and_console_summary_name_it()
    {
        var suite = new SuiteReport("run-1", T0) { Cluster = "local (embedded), context zd-local", LocalRedis = "redis:7.2 runs Garnet 2.2.12: redis-server is not installed" };
        suite.Finish(At(60));

        SummaryJson.Render(suite).Should().Contain("\"local_redis\": \"redis:7.2 runs Garnet 2.2.12: redis-server is not installed\",");
        HtmlReport.Render(suite).Should().Contain("<dt>Redis pods</dt><dd>redis:7.2 runs Garnet 2.2.12: redis-server is not installed</dd>");
        ConsoleReport.Summary(suite).Should().Contain("\nRedis pods: redis:7.2 runs Garnet 2.2.12: redis-server is not installed\n");
    }

    [Fact]
    public void On_a_real_cluster_nothing_is_said()
    {
        var suite = new SuiteReport("run-1", T0) { Cluster = "kubeconfig, context prod" };
        suite.Finish(At(60));

        SummaryJson.Render(suite).Should().Contain("\"local_redis\": null,");
        HtmlReport.Render(suite).Should().NotContain("Redis pods");
        ConsoleReport.Summary(suite).Should().NotContain("Redis pods");
    }
}
