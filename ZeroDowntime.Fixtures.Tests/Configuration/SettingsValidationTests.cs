using FluentAssertions;
using Xunit;
using ZeroDowntime.Fixtures.Configuration;
using static ZeroDowntime.Fixtures.Tests.Configuration.SettingsTestSupport;

namespace ZeroDowntime.Fixtures.Tests.Configuration;

public class SettingsValidationTests
{
    public static TheoryData<string, string, string> BadValues => new()
    {
        { "ZD_PROFILE", "fast", "ZD_PROFILE is 'fast', but it must be one of: local, production." },
        { "ZD_CLUSTER", "eks", "ZD_CLUSTER is 'eks', but it must be one of: local, kubeconfig." },
        { "ZD_LOAD", "locust", "ZD_LOAD is 'locust', but it must be one of: auto, k6, builtin." },
        { "ZD_PROBE__MODE", "http2", "ZD_PROBE__MODE is 'http2', but it must be one of: fresh-connection, keep-alive." },
        { "ZD_PROBE__RATE", "0", "ZD_PROBE__RATE is '0', but it must be a number from 0.1 to 1000." },
        { "ZD_TIMING__NODE_DRAIN__SUCCESS_RATE_ABOVE", "120", "ZD_TIMING__NODE_DRAIN__SUCCESS_RATE_ABOVE is '120', but it must be a number from 0 to 100." },
        { "ZD_TIMING__NODE_DRAIN__SUCCESS_RATE_ABOVE", "90%", "ZD_TIMING__NODE_DRAIN__SUCCESS_RATE_ABOVE is '90%', but it must be a number from 0 to 100." },
        { "ZD_TIMING__BASELINE_WAIT", "30", "ZD_TIMING__BASELINE_WAIT is '30', but it must be a positive duration such as 500ms, 30s, 5m or 1m30s." },
        { "ZD_TIMING__BASELINE_WAIT", "0s", "ZD_TIMING__BASELINE_WAIT is '0s', but it must be a positive duration such as 500ms, 30s, 5m or 1m30s." },
        { "ZD_TIMING__LOAD__CONCURRENCY", "ten", "ZD_TIMING__LOAD__CONCURRENCY is 'ten', but it must be a whole number from 1 to 10000." },
        { "ZD_TARGET__WORKERS__EXPECTED_COUNT", "0", "ZD_TARGET__WORKERS__EXPECTED_COUNT is '0', but it must be a whole number of at least 1." },
        { "ZD_TARGET__HEAD__PDB_MIN_AVAILABLE", "-1", "ZD_TARGET__HEAD__PDB_MIN_AVAILABLE is '-1', but it must be a whole number of at least 0, or none." },
        { "ZD_TARGET__SERVICE_PORT", "70000", "ZD_TARGET__SERVICE_PORT is '70000', but it must be a whole number from 1 to 65535." },
        { "ZD_TARGET__WORKERS__SELECTOR", "node type=worker", "ZD_TARGET__WORKERS__SELECTOR is 'node type=worker', but it must be a label selector such as app=redis or ray.io/node-type in (head,worker)." },
        { "ZD_NAMESPACE", "Ray_System", "ZD_NAMESPACE is 'Ray_System', but it must be a DNS label: up to 63 lowercase letters, digits or '-', starting and ending with a letter or digit." },
        { "ZD_TARGET__ENDPOINT_PATH", "VLLMDeployment", "ZD_TARGET__ENDPOINT_PATH is 'VLLMDeployment', but it must be a path starting with '/' and without spaces." },
        { "ZD_TARGET__BASE_URL", "localhost:8000", "ZD_TARGET__BASE_URL is 'localhost:8000', but it must be an absolute http:// or https:// URL." },
        { "ZD_K6_IMAGE", "grafana/k6:latest", "ZD_K6_IMAGE is 'grafana/k6:latest', but it must be an image pinned to a tag or digest, such as grafana/k6:2.0.0 (not latest)." },
        { "ZD_TIMING__AUTOSCALING__LOAD_STAGES", "5/30s", "ZD_TIMING__AUTOSCALING__LOAD_STAGES is '5/30s', but it must be a list of RATE:DURATION stages such as 5:30s,10:30s,20:60s (rates in requests per second)." },
        { "ZD_TIMING__AUTOSCALING__LOAD_STAGES", "5:30s,0:10s", "ZD_TIMING__AUTOSCALING__LOAD_STAGES is '5:30s,0:10s', but it must be a list of RATE:DURATION stages such as 5:30s,10:30s,20:60s (rates in requests per second)." },
        { "ZD_K6_IMAGE", "grafana/k6", "ZD_K6_IMAGE is 'grafana/k6', but it must be an image pinned to a tag or digest, such as grafana/k6:2.0.0 (not latest)." },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public void A_bad_value_fails_with_one_sentence_naming_the_setting_the_value_and_what_is_allowed(string name, string value, string message)
    {
        var load = () => SettingsTestSupport.Load((name, value));

        load.Should().Throw<ZeroDowntimeConfigurationException>().WithMessage(message)
            .Which.Problems.Should().Equal(message);
    }

    [Theory]
    [InlineData("ZD_TARGET__WORKERS__SELECTOR", "ray.io/node-type=")]
    [InlineData("ZD_TARGET__WORKERS__SELECTOR", "tier notin (canary), app=vllm")]
    [InlineData("ZD_TARGET__REDIS__SELECTOR", "app.kubernetes.io/name")]
    [InlineData("ZD_TARGET__HEAD__PDB_NAME", "ray-head.pdb")]
    [InlineData("ZD_K6_IMAGE", "localhost:5000/k6:2.0.0")]
    [InlineData("ZD_TIMING__HEAD__OUTAGE_BELOW", "1h0m0.5s")]
    public void Unusual_but_valid_values_are_accepted(string name, string value)
    {
        var load = () => SettingsTestSupport.Load((name, value));

        load.Should().NotThrow();
    }

    [Fact]
    public void Every_problem_is_reported_together_in_a_stable_order()
    {
        var load = () => SettingsTestSupport.Load(("ZD_PROFIL", "production"), ("ZD_PROFILE", "fast"), ("ZD_TIMING__SEQUENTIAL__INTERVAL", "2 minutes"));

        var problems = load.Should().Throw<ZeroDowntimeConfigurationException>().Which;
        problems.Problems.Should().Equal(
            "ZD_PROFIL is not a ZeroDowntime setting; did you mean ZD_PROFILE?",
            "ZD_PROFILE is 'fast', but it must be one of: local, production.",
            "ZD_TIMING__SEQUENTIAL__INTERVAL is '2 minutes', but it must be a positive duration such as 500ms, 30s, 5m or 1m30s.");
        problems.Message.Should().Be(
            "3 configuration problems (see docs/configuration.md):" + Environment.NewLine +
            "- ZD_PROFIL is not a ZeroDowntime setting; did you mean ZD_PROFILE?" + Environment.NewLine +
            "- ZD_PROFILE is 'fast', but it must be one of: local, production." + Environment.NewLine +
            "- ZD_TIMING__SEQUENTIAL__INTERVAL is '2 minutes', but it must be a positive duration such as 500ms, 30s, 5m or 1m30s.");
    }

    [Theory]
    [InlineData("ZD_TIMING__NODE_DRAIN__SUCESS_RATE_ABOVE", "ZD_TIMING__NODE_DRAIN__SUCESS_RATE_ABOVE is not a ZeroDowntime setting; did you mean ZD_TIMING__NODE_DRAIN__SUCCESS_RATE_ABOVE?")]
    [InlineData("ZD_TIMING_BASELINE_WAIT", "ZD_TIMING_BASELINE_WAIT is not a ZeroDowntime setting; did you mean ZD_TIMING__BASELINE_WAIT?")]
    [InlineData("ZD_PROBE_RATE", "ZD_PROBE_RATE is not a ZeroDowntime setting; did you mean ZD_PROBE__RATE?")]
    [InlineData("ZD_WHATEVER", "ZD_WHATEVER is not a ZeroDowntime setting; docs/configuration.md lists them all.")]
    public void An_unknown_ZD_variable_is_an_error_with_a_suggestion_when_one_is_close(string name, string message)
    {
        var load = () => SettingsTestSupport.Load((name, "1"));

        load.Should().Throw<ZeroDowntimeConfigurationException>().WithMessage(message);
    }

    [Fact]
    public void Naming_a_context_without_choosing_the_cluster_mode_is_an_error()
    {
        var load = () => SettingsTestSupport.Load(("ZD_CONTEXT", "prod-eks"), ("ZD_ALLOW_DISRUPTION", "prod-eks"));

        load.Should().Throw<ZeroDowntimeConfigurationException>().Which.Problems.Should().Equal(
            "ZD_CONTEXT is 'prod-eks', but ZD_CLUSTER is not set, so the suite would use the embedded local cluster: set ZD_CLUSTER=kubeconfig to use it, or ZD_CLUSTER=local to ignore it.",
            "ZD_ALLOW_DISRUPTION is set, but ZD_CLUSTER is not set, so the suite would use the embedded local cluster: set ZD_CLUSTER=kubeconfig to use it, or ZD_CLUSTER=local to ignore it.");
    }

    [Fact]
    public void An_explicit_local_cluster_ignores_real_cluster_settings()
    {
        var load = () => SettingsTestSupport.Load(("ZD_CLUSTER", "local"), ("ZD_CONTEXT", "prod-eks"), ("ZD_KUBECONFIG", "/k"));

        load.Should().NotThrow();
    }

    [Fact]
    public void Role_counts_must_fit_inside_the_expected_count()
    {
        var load = () => SettingsTestSupport.Load(("ZD_TARGET__WORKERS__MIN_READY_DURING_DISRUPTION", "4"), ("ZD_TARGET__REDIS__PDB_MIN_AVAILABLE", "5"));

        load.Should().Throw<ZeroDowntimeConfigurationException>().Which.Problems.Should().Equal(
            "ZD_TARGET__WORKERS__MIN_READY_DURING_DISRUPTION is '4', but it must be at most ZD_TARGET__WORKERS__EXPECTED_COUNT (3).",
            "ZD_TARGET__REDIS__PDB_MIN_AVAILABLE is '5', but it must be at most ZD_TARGET__REDIS__EXPECTED_COUNT (3).");
    }

    [Fact]
    public void A_missing_settings_file_is_an_error()
    {
        var path = Path.Combine(Path.GetTempPath(), "zd-missing-" + Guid.NewGuid().ToString("N") + ".json");

        var load = () => SettingsTestSupport.Load(("ZD_SETTINGS_FILE", path));

        load.Should().Throw<ZeroDowntimeConfigurationException>()
            .WithMessage($"ZD_SETTINGS_FILE is '{path}', but it must name an existing JSON file (looked for {path}).");
    }

    [Fact]
    public void A_settings_file_that_is_not_JSON_is_an_error_with_the_parsers_position()
    {
        using var file = new TemporarySettingsFile("{ \"PROFILE\" \"local\" }");

        var load = () => SettingsTestSupport.Load(("ZD_SETTINGS_FILE", file.Path));

        load.Should().Throw<ZeroDowntimeConfigurationException>()
            .Which.Problems.Should().ContainSingle()
            .Which.Should().StartWith($"ZD_SETTINGS_FILE is '{file.Path}', but it must be a valid JSON file (")
            .And.Contain("LineNumber: 0")
            .And.EndWith(").");
    }

    [Fact]
    public void Values_and_keys_from_the_settings_file_are_checked_and_named_with_their_source()
    {
        using var file = new TemporarySettingsFile("""
            { "PROFILE": "fast", "TIMING": { "NODE_DRAN": { "SUCCESS_RATE_ABOVE": 90 } }, "SETTINGS_FILE": "other.json" }
            """);

        var load = () => SettingsTestSupport.Load(("ZD_SETTINGS_FILE", file.Path));

        load.Should().Throw<ZeroDowntimeConfigurationException>().Which.Problems.Should().Equal(
            $"SETTINGS_FILE in {file.Path} has no effect there: ZD_SETTINGS_FILE must be set as an environment variable.",
            $"TIMING.NODE_DRAN.SUCCESS_RATE_ABOVE in {file.Path} is not a ZeroDowntime setting; did you mean TIMING.NODE_DRAIN.SUCCESS_RATE_ABOVE?",
            $"ZD_PROFILE (from {file.Path}) is 'fast', but it must be one of: local, production.");
    }
}
