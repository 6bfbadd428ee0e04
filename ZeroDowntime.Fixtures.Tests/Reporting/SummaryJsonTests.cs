using System.Text.Json;
using FluentAssertions;
using Xunit;
using ZeroDowntime.Fixtures.Reporting;
using static ZeroDowntime.Fixtures.Tests.Reporting.SampleResults;

namespace ZeroDowntime.Fixtures.Tests.Reporting;

public class SummaryJsonTests
{
    [Fact]
    public void Every_test_has_the_seed_fields_with_their_types_plus_ours()
    {
        using var json = JsonDocument.Parse(SummaryJson.Render(FullSuite()));
        var root = json.RootElement;

        Kind(root, "timestamp").Should().Be(JsonValueKind.String);
        Kind(root, "duration_seconds").Should().Be(JsonValueKind.Number);
        Kind(root, "run_id").Should().Be(JsonValueKind.String);
        Kind(root, "repairs").Should().Be(JsonValueKind.Array);
        Kind(root, "post_validation_problems").Should().Be(JsonValueKind.Array);
        foreach (var test in root.GetProperty("tests").EnumerateArray())
        {
            Kind(test, "name").Should().Be(JsonValueKind.String);
            test.GetProperty("status").GetString().Should().BeOneOf("pass", "fail", "skipped", "error");
            Kind(test, "duration_seconds").Should().BeOneOf(JsonValueKind.Number, JsonValueKind.Null);
            foreach (var check in test.GetProperty("checks").EnumerateObject())
            {
                check.Value.GetString().Should().BeOneOf("pass", "fail");
            }

            var metrics = test.GetProperty("metrics");
            foreach (var name in new[] { "total_requests", "successful_requests", "success_rate", "latency_p50", "latency_p95", "latency_p99", "recovery_time_seconds", "termination_time_seconds", "total_downtime_seconds", "dropped_iterations" })
            {
                Kind(metrics, name).Should().BeOneOf([JsonValueKind.Number, JsonValueKind.Null], "metric {0} of {1}", name, test.GetProperty("name"));
            }

            Kind(metrics, "downtime_windows").Should().Be(JsonValueKind.Array);
            Kind(metrics, "recovery_times_seconds").Should().Be(JsonValueKind.Object);
            Kind(metrics, "min_ready").Should().Be(JsonValueKind.Object);
            Kind(test, "disruptions").Should().Be(JsonValueKind.Array);
        }

        var summary = root.GetProperty("summary");
        foreach (var name in new[] { "total_tests", "passed", "failed", "overall_availability" })
        {
            Kind(summary, name).Should().Be(JsonValueKind.Number);
        }
    }

    [Fact]
    public void A_scenario_writes_its_numbers_windows_recoveries_and_markers()
    {
        using var json = JsonDocument.Parse(SummaryJson.Render(Suite()));
        var drain = json.RootElement.GetProperty("tests")[1];
        var metrics = drain.GetProperty("metrics");

        drain.GetProperty("name").GetString().Should().Be("node_drain");
        drain.GetProperty("duration_seconds").GetDouble().Should().Be(42.5);
        metrics.GetProperty("total_requests").GetInt64().Should().Be(300);
        metrics.GetProperty("successful_requests").GetInt64().Should().Be(274);
        metrics.GetProperty("success_rate").GetDouble().Should().Be(91.33);
        metrics.GetProperty("latency_p95").GetDouble().Should().Be(100);
        metrics.GetProperty("recovery_time_seconds").GetDouble().Should().Be(3.4);
        metrics.GetProperty("recovery_times_seconds").GetProperty("worker").GetDouble().Should().Be(3.4);
        metrics.GetProperty("termination_time_seconds").GetDouble().Should().Be(5);
        metrics.GetProperty("total_downtime_seconds").GetDouble().Should().Be(3.655);
        metrics.GetProperty("total_downtime_by_start_seconds").GetDouble().Should().Be(3.65);
        metrics.GetProperty("downtime_time_basis").GetString().Should().Be("seen");
        metrics.GetProperty("min_ready").GetProperty("worker").GetInt32().Should().Be(2);
        metrics.GetProperty("load_generator").GetString().Should().Be("builtin");
        var window = metrics.GetProperty("downtime_windows")[0];
        window.GetProperty("start").GetString().Should().Be("2025-01-01T12:00:01.201Z");
        window.GetProperty("end").GetString().Should().Be("2025-01-01T12:00:04.856Z");
        window.GetProperty("duration_seconds").GetDouble().Should().Be(3.655);
        window.GetProperty("failed_attempts").GetInt32().Should().Be(73);
        window.GetProperty("open").GetBoolean().Should().BeFalse();
        drain.GetProperty("disruptions").EnumerateArray().Select(d => d.GetProperty("label").GetString())
            .Should().Equal("cordon zd-node-2", "evict ray-worker-w2", "uncordon zd-node-2");
        drain.GetProperty("files").GetProperty("requests").GetString().Should().Be("node_drain.requests.csv");
    }

    [Fact]
    public void Each_scenario_and_the_run_split_their_time_into_mandated_waits_and_the_rest()
    {
        var suite = new SuiteReport("run", T0 - TimeSpan.FromSeconds(20));
        suite.Add(PreValidation()); // 15 s, no mandated wait
        var drain = NodeDrain(); // 42.5 s
        drain.AddMandatedWait(TimeSpan.FromSeconds(3));
        drain.AddMandatedWait(TimeSpan.FromSeconds(5));
        suite.Add(drain);
        suite.Finish(At(45)); // 65 s in all

        using var json = JsonDocument.Parse(SummaryJson.Render(suite));
        var tests = json.RootElement.GetProperty("tests");
        var summary = json.RootElement.GetProperty("summary");

        tests[1].GetProperty("mandated_wait_seconds").GetDouble().Should().Be(8);
        tests[1].GetProperty("beyond_mandated_waits_seconds").GetDouble().Should().Be(34.5);
        tests[0].GetProperty("mandated_wait_seconds").GetDouble().Should().Be(0);
        summary.GetProperty("mandated_wait_seconds").GetDouble().Should().Be(8);
        summary.GetProperty("beyond_mandated_waits_seconds").GetDouble().Should().Be(49.5, "15 s of validation and 34.5 s of the drain");
        summary.GetProperty("outside_scenarios_seconds").GetDouble().Should().Be(7.5, "65 s less the scenarios' 57.5 s");
        ConsoleReport.ScenarioEnd(drain).Should().Contain("  Time: 42.5 s, of which mandated waits 8.0 s, the rest 34.5 s\n");
        ConsoleReport.Summary(suite, null).Should().Contain("  mandated waits 8.0 s, the rest of the scenarios 49.5 s, outside scenarios 7.5 s");
    }

    [Fact]
    public void The_run_reports_the_clients_retries_and_the_injected_faults()
    {
        var suite = Suite();
        suite.Api = new ApiTally(41, "41 (29 after 429/5xx answers, 12 after connection failures or timeouts)", "mixed:1234", 57);

        using var json = JsonDocument.Parse(SummaryJson.Render(suite));
        var api = json.RootElement.GetProperty("api");

        api.GetProperty("retries").GetInt64().Should().Be(41);
        api.GetProperty("fault_profile").GetString().Should().Be("mixed:1234");
        api.GetProperty("faults_injected").GetInt64().Should().Be(57);
        ConsoleReport.Summary(suite).Should().Contain(
            "Kubernetes API retries: 41 (29 after 429/5xx answers, 12 after connection failures or timeouts); faults injected: 57 (ZD_LOCAL_FAULTS=mixed:1234)\n");
        suite.Api = new ApiTally(0, "0 (0 after 429/5xx answers, 0 after connection failures or timeouts)", null, null);
        ConsoleReport.Summary(suite).Should().NotContain("Kubernetes API", "a quiet run without faults has nothing to say");
    }

    [Fact]
    public void Overall_availability_is_successes_over_attempts_across_scenarios()
    {
        using var json = JsonDocument.Parse(SummaryJson.Render(FullSuite()));
        var summary = json.RootElement.GetProperty("summary");

        // (274 + 485) / (300 + 500) = 94.875%; the average of the rates (91.33 and 97.0) would be 94.17%.
        summary.GetProperty("overall_availability").GetDouble().Should().Be(94.88);
        summary.GetProperty("total_requests").GetInt64().Should().Be(800);
        (summary.GetProperty("total_tests").GetInt32(), summary.GetProperty("passed").GetInt32(), summary.GetProperty("failed").GetInt32(), summary.GetProperty("errors").GetInt32())
            .Should().Be((4, 2, 2, 1));
    }

    [Fact]
    public void A_scenario_stopped_half_way_has_nulls_not_zeros_and_reads_as_an_error()
    {
        var suite = new SuiteReport("r", T0);
        suite.BeginScenario("NodeDrain", T0);

        using var json = JsonDocument.Parse(SummaryJson.Render(suite));
        var test = json.RootElement.GetProperty("tests")[0];

        test.GetProperty("status").GetString().Should().Be("error");
        Kind(test, "duration_seconds").Should().Be(JsonValueKind.Null);
        Kind(test.GetProperty("metrics"), "success_rate").Should().Be(JsonValueKind.Null);
        Kind(json.RootElement.GetProperty("summary"), "overall_availability").Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public void The_output_is_deterministic_indented_and_ends_with_a_newline()
    {
        var first = SummaryJson.Render(FullSuite());
        var second = SummaryJson.Render(FullSuite());

        first.Should().Be(second);
        first.Should().StartWith("{\n  \"timestamp\": \"2025-01-01T11:59:40.000Z\",\n  \"duration_seconds\": 220,\n").And.EndWith("}\n");
        first.Should().NotContain("\r");
    }

    [Fact]
    public void Credentials_in_messages_never_reach_the_file()
    {
        var text = SummaryJson.Render(FullSuite());

        text.Should().NotContain("abc.def.ghi").And.Contain("Bearer <redacted>");
    }

    private static JsonValueKind Kind(JsonElement element, string name)
    {
        element.TryGetProperty(name, out var value).Should().BeTrue("summary.json must have \"{0}\"", name);
        return value.ValueKind;
    }
}
