using FluentAssertions;
using Xunit;
using ZeroDowntime.Fixtures.Configuration;
using static ZeroDowntime.Fixtures.Tests.Configuration.SettingsTestSupport;

namespace ZeroDowntime.Fixtures.Tests.Configuration;

public class SettingsSourcesTests
{
    [Fact]
    public void Variables_set_every_kind_of_value()
    {
        var settings = SettingsTestSupport.Load(
            ("ZD_CLUSTER", "kubeconfig"),
            ("ZD_KUBECONFIG", "/home/me/.kube/eks"),
            ("ZD_CONTEXT", "prod-eks"),
            ("ZD_NAMESPACE", "ray"),
            ("ZD_ALLOW_DISRUPTION", "prod-eks"),
            ("ZD_RESULTS_DIR", "/tmp/zd-{timestamp}"),
            ("ZD_LOAD", "builtin"),
            ("ZD_K6_IMAGE", "registry.example/k6@sha256:0123abcd"),
            ("ZD_PROBE__RATE", "50"),
            ("ZD_PROBE__MODE", "keep-alive"),
            ("ZD_TARGET__WORKERS__SELECTOR", "app.kubernetes.io/component in (worker,gpu-worker),!canary"),
            ("ZD_TARGET__REDIS__PDB_MIN_AVAILABLE", "none"),
            ("ZD_TARGET__REDIS__PDB_NAME", "redis-pdb"),
            ("ZD_TARGET__BASE_URL", "http://127.0.0.1:8000"),
            ("ZD_TIMING__NODE_DRAIN__SUCCESS_RATE_ABOVE", "92.5"),
            ("ZD_TIMING__HEAD__OUTAGE_BELOW", "1m30s"),
            ("ZD_TIMING__BASELINE_WAIT", "1500ms"));

        settings.Cluster.Should().Be(ClusterMode.Kubeconfig);
        settings.Kubeconfig.Should().Be("/home/me/.kube/eks");
        settings.Context.Should().Be("prod-eks");
        settings.Namespace.Should().Be("ray");
        settings.AllowDisruption.Should().Be("prod-eks");
        settings.ResultsDirectory.Should().Be("/tmp/zd-20251019-120005");
        settings.LoadGenerator.Should().Be(LoadGeneratorChoice.Builtin);
        settings.K6Image.Should().Be("registry.example/k6@sha256:0123abcd");
        settings.Probe.RatePerSecond.Should().Be(50);
        settings.Probe.Mode.Should().Be(ProbeMode.KeepAlive);
        settings.Target.Workers.Selector.Should().Be("app.kubernetes.io/component in (worker,gpu-worker),!canary");
        settings.Target.Redis.PdbMinAvailable.Should().BeNull();
        settings.Target.Redis.PdbName.Should().Be("redis-pdb");
        settings.Target.BaseUrl.Should().Be("http://127.0.0.1:8000");
        settings.Timing.NodeDrain.SuccessRateAbovePercent.Should().Be(92.5);
        settings.Timing.Head.OutageBelow.Should().Be(TimeSpan.FromSeconds(90));
        settings.Timing.BaselineWait.Should().Be(TimeSpan.FromMilliseconds(1500));
        settings.Timing.NodeDrain.DrainTimeout.Should().Be(TimeSpan.FromSeconds(600), "untouched values keep the profile default");
    }

    [Fact]
    public void An_override_changes_one_role_and_leaves_the_others_alone()
    {
        var settings = SettingsTestSupport.Load(("ZD_TARGET__WORKERS__EXPECTED_COUNT", "5"));

        settings.Target.Workers.ExpectedCount.Should().Be(5);
        settings.Target.Redis.ExpectedCount.Should().Be(3);
        settings.Target.Head.ExpectedCount.Should().Be(1);
    }

    [Fact]
    public void Empty_variables_count_as_unset()
    {
        var settings = SettingsTestSupport.Load(("ZD_PROFILE", ""), ("ZD_CONTEXT", "   "), ("ZD_TIMING__BASELINE_WAIT", ""));

        settings.Profile.Should().Be(ProfileName.Local);
        settings.Context.Should().BeNull();
        settings.Timing.BaselineWait.Should().Be(TimeSpan.FromSeconds(3));
    }

    [Fact]
    public void Values_are_trimmed_and_names_and_choices_ignore_case()
    {
        var settings = SettingsTestSupport.Load(("zd_profile", " Production "), ("ZD_PROBE__MODE", "KEEP-ALIVE"));

        settings.Profile.Should().Be(ProfileName.Production);
        settings.Probe.Mode.Should().Be(ProbeMode.KeepAlive);
    }

    [Fact]
    public void A_settings_file_supplies_nested_values_and_variables_win_over_it()
    {
        using var file = new TemporarySettingsFile("""
            {
              // comments are allowed
              "Cluster": "kubeconfig",
              "context": "kind-zd",
              "PROFILE": "local",
              "Timing": { "Node_Drain": { "SUCCESS_RATE_ABOVE": 91, "DRAIN_TIMEOUT": "2m" } },
              "TARGET": { "WORKERS": { "SELECTOR": "app=worker" } }
            }
            """);

        var settings = SettingsTestSupport.Load(("ZD_SETTINGS_FILE", file.Path), ("ZD_TIMING__NODE_DRAIN__SUCCESS_RATE_ABOVE", "93"));

        settings.SettingsFile.Should().Be(file.Path);
        settings.Cluster.Should().Be(ClusterMode.Kubeconfig);
        settings.Context.Should().Be("kind-zd");
        settings.Profile.Should().Be(ProfileName.Local);
        settings.Timing.NodeDrain.SuccessRateAbovePercent.Should().Be(93, "the variable wins over the file");
        settings.Timing.NodeDrain.DrainTimeout.Should().Be(TimeSpan.FromMinutes(2));
        settings.Target.Workers.Selector.Should().Be("app=worker");
    }

    [Fact]
    public void The_results_folder_is_stamped_with_the_start_time()
    {
        SettingsTestSupport.Load(("ZD_RESULTS_DIR", "out/{timestamp}/zd")).ResultsDirectory.Should().Be("out/20251019-120005/zd");
    }

    [Theory]
    [InlineData("ZD_REGENERATE_DOCS")]
    [InlineData("ZD_BENCHMARK")]
    [InlineData("ZD_IMAGE_MAPPINGS")]
    [InlineData("ZD_LOCAL_REDIS")]
    [InlineData("ZD_LOCAL_FAULTS")]
    public void Tool_variables_are_not_mistaken_for_typos(string variable)
    {
        var load = () => SettingsTestSupport.Load((variable, "1"));

        load.Should().NotThrow();
    }

    [Fact]
    public void The_namespace_falls_back_to_the_contexts_then_default()
    {
        SettingsTestSupport.Load().ResolveNamespace("ray-system").Should().Be("ray-system");
        SettingsTestSupport.Load().ResolveNamespace(null).Should().Be("default");
        SettingsTestSupport.Load(("ZD_NAMESPACE", "ray")).ResolveNamespace("ray-system").Should().Be("ray");
    }

    [Fact]
    public void The_disruption_gate_follows_the_cluster_mode_and_ZD_ALLOW_DISRUPTION()
    {
        SettingsTestSupport.Load().CreateDisruptionGate("zd-local").IsOpen.Should().BeTrue();
        SettingsTestSupport.Load(("ZD_CLUSTER", "local"), ("ZD_ALLOW_DISRUPTION", "something-else")).CreateDisruptionGate("zd-local").IsOpen.Should().BeTrue();
        SettingsTestSupport.Load(("ZD_CLUSTER", "kubeconfig")).CreateDisruptionGate("prod-eks").IsOpen.Should().BeFalse();
        SettingsTestSupport.Load(("ZD_CLUSTER", "kubeconfig"), ("ZD_ALLOW_DISRUPTION", "prod-eks")).CreateDisruptionGate("prod-eks").IsOpen.Should().BeTrue();
        SettingsTestSupport.Load(("ZD_CLUSTER", "kubeconfig"), ("ZD_ALLOW_DISRUPTION", "prod-eks")).CreateDisruptionGate("staging-eks").IsOpen.Should().BeFalse();
    }

    [Fact]
    public void ToString_summarises_without_values_that_could_be_sensitive()
    {
        SettingsTestSupport.Load(("ZD_CLUSTER", "kubeconfig"), ("ZD_CONTEXT", "prod-eks"), ("ZD_ALLOW_DISRUPTION", "prod-eks"))
            .ToString().Should().Be("cluster kubeconfig, profile production, load auto, context 'prod-eks'");
    }
}
