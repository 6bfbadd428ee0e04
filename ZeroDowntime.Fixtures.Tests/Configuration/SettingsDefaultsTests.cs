using FluentAssertions;
using Xunit;
using ZeroDowntime.Fixtures.Configuration;
using ZeroDowntime.Fixtures.Load;
using static ZeroDowntime.Fixtures.Tests.Configuration.SettingsTestSupport;

namespace ZeroDowntime.Fixtures.Tests.Configuration;

public class SettingsDefaultsTests
{
    [Fact]
    public void With_no_variables_the_suite_runs_the_embedded_cluster_with_the_local_profile()
    {
        var settings = SettingsTestSupport.Load();

        settings.Cluster.Should().Be(ClusterMode.Local);
        settings.Profile.Should().Be(ProfileName.Local);
        settings.LoadGenerator.Should().Be(LoadGeneratorChoice.Auto);
        settings.Kubeconfig.Should().BeNull("KUBECONFIG is resolved by the client, not copied into ZD_KUBECONFIG");
        settings.Context.Should().BeNull();
        settings.Namespace.Should().BeNull();
        settings.AllowDisruption.Should().BeNull();
        settings.SettingsFile.Should().BeNull();
        settings.ResultsDirectory.Should().Be("TestResults/zerodowntime-20251019-120005");
        settings.K6Image.Should().Be("grafana/k6:2.0.0");
        settings.Probe.RatePerSecond.Should().Be(20);
        settings.Probe.Period.Should().Be(TimeSpan.FromMilliseconds(50));
        settings.Probe.Mode.Should().Be(ProbeMode.FreshConnection);
    }

    [Fact]
    public void A_kubeconfig_cluster_defaults_to_the_production_profile()
    {
        var settings = SettingsTestSupport.Load(("ZD_CLUSTER", "kubeconfig"));

        settings.Profile.Should().Be(ProfileName.Production);
    }

    [Fact]
    public void The_profile_can_be_chosen_independently_of_the_cluster()
    {
        SettingsTestSupport.Load(("ZD_CLUSTER", "kubeconfig"), ("ZD_PROFILE", "local")).Profile.Should().Be(ProfileName.Local);
        SettingsTestSupport.Load(("ZD_PROFILE", "production")).Profile.Should().Be(ProfileName.Production);
    }

    [Fact]
    public void The_target_defaults_describe_the_reference_Ray_Serve_deployment()
    {
        var target = SettingsTestSupport.Load().Target;

        target.Head.Should().BeEquivalentTo(new RoleSettings
        {
            Name = "head", Selector = "ray.io/node-type=head", ExpectedCount = 1, MinReadyDuringDisruption = 0, PdbMinAvailable = 1,
        });
        target.Workers.Should().BeEquivalentTo(new RoleSettings
        {
            Name = "worker", Selector = "ray.io/node-type=worker", ExpectedCount = 3, MinReadyDuringDisruption = 2, PdbMinAvailable = 2,
        });
        target.Redis.Should().BeEquivalentTo(new RoleSettings
        {
            Name = "redis", Selector = "app=redis", ExpectedCount = 3, MinReadyDuringDisruption = 2, PdbMinAvailable = 2,
        });
        target.Roles.Select(r => r.Name).Should().Equal("head", "worker", "redis");
        target.ServiceName.Should().Be("ray-serve-nlb");
        target.ServicePort.Should().Be(80);
        target.BaseUrl.Should().BeNull();
        target.EndpointPath.Should().Be("/VLLMDeployment");
        target.Prompt.Should().Be("What is the capital of France?");
        target.MaxTokens.Should().Be(50);
        target.Temperature.Should().Be(0.7);
        target.SuccessStatusCode.Should().Be(200);
        target.ResponseTextField.Should().Be("generated_text");
        target.RayDashboardPort.Should().Be(8265);
        target.RayNodesPath.Should().Be("/api/v0/nodes");
    }

    [Fact]
    public void The_production_profile_holds_the_reference_suites_numbers()
    {
        var timing = SettingsTestSupport.Load(("ZD_PROFILE", "production")).Timing;
        TimeSpan Seconds(int s) => TimeSpan.FromSeconds(s);
        TimeSpan Minutes(int m) => TimeSpan.FromMinutes(m);

        timing.BaselineWait.Should().Be(Seconds(30));
        timing.Load.RatePerSecond.Should().Be(5);
        timing.Load.Concurrency.Should().Be(10);
        timing.Load.RequestTimeout.Should().Be(Seconds(30));
        timing.InferenceTimeout.Should().Be(Seconds(10));
        timing.StuckDeletionWait.Should().Be(Seconds(120));
        timing.ServiceRecoveryWait.Should().Be(Seconds(300));

        timing.SingleWorker.MonitoringWindow.Should().Be(Minutes(5));
        timing.SingleWorker.SuccessRateAbovePercent.Should().Be(95);
        timing.SingleWorker.ReplacementReadyWithin.Should().Be(Minutes(5));

        timing.NodeDrain.SuccessRateAbovePercent.Should().Be(90);
        timing.NodeDrain.PodTerminatesWithin.Should().Be(Seconds(60));
        timing.NodeDrain.ReplacementReadyWithin.Should().Be(Minutes(10));
        timing.NodeDrain.DrainTimeout.Should().Be(Seconds(600));
        timing.NodeDrain.EvictionRetryInterval.Should().Be(Seconds(5));

        timing.Sequential.Interval.Should().Be(Minutes(2));
        timing.Sequential.SuccessRateAbovePercent.Should().Be(90);
        timing.Sequential.TotalDowntimeBelow.Should().Be(Seconds(30));

        timing.Redis.MonitoringWindow.Should().Be(Minutes(3));
        timing.Redis.SuccessRateAbovePercent.Should().Be(95);
        timing.Redis.ReplacementReadyWithin.Should().Be(Minutes(2));

        timing.Head.MonitoringWindow.Should().Be(Minutes(5));
        timing.Head.OutageBelow.Should().Be(Minutes(2));
        timing.Head.NewHeadReadyWithin.Should().Be(Minutes(3));
        timing.Head.WorkersReconnectWithin.Should().Be(Minutes(1));
        timing.Head.SuccessRateAfterRecoveryAbovePercent.Should().Be(95);

        timing.PostValidation.Requests.Should().Be(10);
        timing.PostValidation.SuccessRateAtLeastPercent.Should().Be(100);
    }

    [Fact]
    public void The_local_profile_compresses_durations_but_keeps_every_threshold()
    {
        var local = SettingsTestSupport.Load(("ZD_PROFILE", "local")).Timing;
        var production = SettingsTestSupport.Load(("ZD_PROFILE", "production")).Timing;

        local.BaselineWait.Should().Be(TimeSpan.FromSeconds(3));
        local.Should().BeEquivalentTo(production, options => options
            .Excluding(member => member.Type == typeof(TimeSpan))
            // A load shape, not a verdict: the local stages are shorter and their rates are sized to make the local
            // workers' CPU cross the HPA's target (the verdicts on it, e.g. ERROR_RATE_BELOW, are the same in both).
            .Excluding(member => member.Path == "Autoscaling.LoadStages")
            .ComparingByMembers<TimingProfile>());
        LoadStages.TryParse(local.Autoscaling.LoadStages, out _).Should().BeTrue();
        LoadStages.TryParse(production.Autoscaling.LoadStages, out _).Should().BeTrue();
        local.Sequential.TotalDowntimeBelow.Should().Be(production.Sequential.TotalDowntimeBelow);
        local.Head.OutageBelow.Should().Be(production.Head.OutageBelow);

        foreach (var descriptor in SettingsCatalog.All.Where(d => d.ValueType == typeof(TimeSpan) && !d.IsOptional)) // an unset optional duration has no default to compress
        {
            DurationText.TryParse(descriptor.LocalDefault!, out var localValue).Should().BeTrue();
            DurationText.TryParse(descriptor.ProductionDefault!, out var productionValue).Should().BeTrue();
            localValue.Should().BeLessThanOrEqualTo(productionValue, "{0} is a local-profile compression", descriptor.Variable);
        }
    }

    [Fact]
    public void Every_scenario_window_leaves_room_for_its_replacement_limit_in_the_local_profile()
    {
        var timing = SettingsTestSupport.Load().Timing;

        timing.SingleWorker.MonitoringWindow.Should().BeGreaterThanOrEqualTo(timing.SingleWorker.ReplacementReadyWithin);
        timing.NodeDrain.MonitoringWindow.Should().BeGreaterThanOrEqualTo(timing.NodeDrain.ReplacementReadyWithin);
        timing.Redis.MonitoringWindow.Should().BeGreaterThanOrEqualTo(timing.Redis.ReplacementReadyWithin);
        timing.Head.MonitoringWindow.Should().BeGreaterThanOrEqualTo(timing.Head.NewHeadReadyWithin);
        timing.DatastoreFailover.MonitoringWindow.Should().BeGreaterThanOrEqualTo(timing.DatastoreFailover.ReplicasReattachedWithin);
    }

    [Fact]
    public void Every_required_setting_has_a_valid_default_in_both_profiles()
    {
        foreach (var descriptor in SettingsCatalog.All.Where(d => !d.IsOptional && d.Variable != "ZD_PROFILE"))
        {
            foreach (var profile in new[] { ProfileName.Local, ProfileName.Production })
            {
                var text = descriptor.DefaultFor(profile);
                text.Should().NotBeNull("{0} needs a {1} default", descriptor.Variable, profile);
                SettingValueParser.TryParse(descriptor, text!, out _).Should().BeTrue("the {0} default of {1} is '{2}'", profile, descriptor.Variable, text);
            }
        }
    }
}
