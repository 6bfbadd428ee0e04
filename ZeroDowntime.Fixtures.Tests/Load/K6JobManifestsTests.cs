using FluentAssertions;
using Xunit;
using ZeroDowntime.Fixtures.Cluster;
using ZeroDowntime.Fixtures.Configuration;
using ZeroDowntime.Fixtures.Load;
using ZeroDowntime.Kubernetes;

namespace ZeroDowntime.Fixtures.Tests.Load;

public sealed class K6JobManifestsTests
{
    private static readonly K6JobOptions Options = K6JobTestOptions.For(new Uri("http://ray-serve-nlb.zd.svc:80/VLLMDeployment")) with { AvoidNode = "zd-node-3" };
    private static readonly K6JobNames Names = K6JobManifests.NamesFor(Options, 1);

    [Fact]
    public void Job_ConfigMap_and_pod_template_carry_the_run_and_managed_by_labels()
    {
        var job = K6JobManifests.Job(Options, Names);
        var configMap = K6JobManifests.ConfigMap(Options, Names);
        foreach (var labels in new[] { job.Metadata.Labels, job.Spec!.Template.Metadata!.Labels, configMap.Metadata.Labels })
        {
            labels.Should().Contain("zerodowntime.io/run", "run-1").And.Contain("app.kubernetes.io/managed-by", "zerodowntime");
        }
    }

    [Fact]
    public void Job_never_reruns_k6_backoff_limit_zero_and_restart_policy_never()
    {
        var job = K6JobManifests.Job(Options, Names);
        job.Spec!.BackoffLimit.Should().Be(0);
        job.Spec.Template.Spec!.RestartPolicy.Should().Be("Never");
        job.Spec.Parallelism.Should().Be(1);
    }

    [Fact]
    public void K6_runs_the_mounted_script_with_its_REST_API_on_all_addresses()
    {
        var container = K6JobManifests.Job(Options, Names).Spec!.Template.Spec!.Containers.Single();
        container.Args.Should().Equal("run", "--address=0.0.0.0:6565", "/scripts/zero-downtime.js");
        container.Image.Should().Be("zerodowntime/k6-double:test");
        container.Ports!.Single().ContainerPort.Should().Be(6565);
        container.VolumeMounts.Should().ContainSingle().Which.MountPath.Should().Be("/scripts");
    }

    [Fact]
    public void Deadline_is_the_job_deadline_and_grace_outlasts_a_request_and_the_summary()
    {
        var job = K6JobManifests.Job(Options, Names);
        job.Spec!.ActiveDeadlineSeconds.Should().Be(600);
        job.Spec.Template.Spec!.TerminationGracePeriodSeconds.Should().Be(32, "request timeout 2 s + 30 s for the summary");
    }

    [Fact]
    public void Container_environment_is_the_script_environment_for_the_load()
    {
        var env = K6JobManifests.Job(Options, Names).Spec!.Template.Spec!.Containers.Single().Env!.ToDictionary(e => e.Name, e => e.Value);
        env.Should().BeEquivalentTo(K6Script.Environment(Options.Load));
        env["TARGET_URL"].Should().Be("http://ray-serve-nlb.zd.svc/VLLMDeployment");
        env["RATE"].Should().Be("20");
        env["MAX_VUS"].Should().Be("10");
    }

    [Fact]
    public void Pod_prefers_nodes_without_target_pods_and_never_uses_the_avoided_node()
    {
        var affinity = K6JobManifests.Job(Options, Names).Spec!.Template.Spec!.Affinity!;
        var preferred = affinity.PodAntiAffinity!.PreferredDuringSchedulingIgnoredDuringExecution!;
        preferred.Select(t => LabelSelectorText.Format(t.PodAffinityTerm.LabelSelector)).Should().Equal("ray.io/node-type=worker", "app=redis");
        preferred.Should().OnlyContain(t => t.Weight == 100 && t.PodAffinityTerm.TopologyKey == "kubernetes.io/hostname");
        var field = affinity.NodeAffinity!.RequiredDuringSchedulingIgnoredDuringExecution!.NodeSelectorTerms.Single().MatchFields!.Single();
        (field.Key, field.OperatorProperty, field.Values!.Single()).Should().Be(("metadata.name", "NotIn", "zd-node-3"));
    }

    [Fact]
    public void Required_anti_affinity_is_available_for_clusters_with_room()
    {
        var affinity = K6JobManifests.Job(Options with { RequireAntiAffinity = true, AvoidNode = null }, Names).Spec!.Template.Spec!.Affinity!;
        affinity.PodAntiAffinity!.RequiredDuringSchedulingIgnoredDuringExecution.Should().HaveCount(2);
        affinity.NodeAffinity.Should().BeNull();
    }

    [Fact]
    public void Script_ConfigMap_holds_the_embedded_script_and_the_pod_mounts_it()
    {
        var configMap = K6JobManifests.ConfigMap(Options, Names);
        configMap.Data![K6Script.FileName].Should().Be(K6Script.Text);
        var volume = K6JobManifests.Job(Options, Names).Spec!.Template.Spec!.Volumes.Should().ContainSingle().Subject;
        (volume.Name, volume.ConfigMap?.Name).Should().Be(("script", Names.ConfigMap));
    }

    [Fact]
    public void Names_are_DNS_labels_with_room_for_the_pod_suffix_and_differ_per_try()
    {
        var long_ = Options with { RunId = "NodeDrain_20260101-120000_" + new string('x', 80) };
        var first = K6JobManifests.NamesFor(long_, 1);
        var second = K6JobManifests.NamesFor(long_, 2);
        first.Job.Should().MatchRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
        first.Job.Length.Should().BeLessThanOrEqualTo(52);
        first.ConfigMap.Length.Should().BeLessThanOrEqualTo(63);
        first.Job.Should().NotBe(second.Job).And.EndWith("-t1");
    }

    [Theory]
    [InlineData("app=redis", "app=redis")]
    [InlineData("ray.io/node-type in (head,worker)", "ray.io/node-type in (head,worker)")]
    [InlineData("a=b,c!=d", "a=b,c notin (d)")]
    [InlineData("tier,!legacy", "tier,!legacy")]
    public void Selectors_parse_into_label_selector_objects(string text, string roundTrip) =>
        LabelSelectorText.Format(K6JobManifests.ParseSelector(text)).Should().Be(roundTrip);

    [Fact]
    public void A_malformed_selector_is_refused_with_the_part_that_cannot_be_read() =>
        FluentActions.Invoking(() => K6JobManifests.ParseSelector("app in redis"))
            .Should().Throw<FormatException>().WithMessage("'app in redis' is not a label selector: cannot read 'app in redis'.");

    [Fact]
    public void Serialized_job_has_the_fields_the_api_server_needs()
    {
        var json = KubeJson.ToJsonObject(K6JobManifests.Job(Options, Names));
        json["apiVersion"]!.GetValue<string>().Should().Be("batch/v1");
        json["spec"]!["backoffLimit"]!.GetValue<int>().Should().Be(0);
        json["spec"]!["activeDeadlineSeconds"]!.GetValue<long>().Should().Be(600);
        var pod = json["spec"]!["template"]!["spec"]!;
        pod["restartPolicy"]!.GetValue<string>().Should().Be("Never");
        pod["volumes"]![0]!["name"]!.GetValue<string>().Should().Be("script");
        pod["containers"]![0]!["terminationMessagePolicy"]!.GetValue<string>().Should().Be("FallbackToLogsOnError");
    }

    [Fact]
    public void Reference_yaml_in_manifests_k6_states_the_same_essentials_as_the_code()
    {
        var yaml = File.ReadAllText(Path.Combine(RepositoryRoot(), "manifests", "k6", "job.yaml"));
        yaml.Should().Contain("backoffLimit: 0").And.Contain("restartPolicy: Never").And.Contain("--address=0.0.0.0:6565")
            .And.Contain($"image: {ZeroDowntimeSettings.Load(new Dictionary<string, string?>()).K6Image}").And.Contain("zerodowntime.io/run: RUN_ID").And.Contain("app.kubernetes.io/managed-by: zerodowntime")
            .And.Contain("activeDeadlineSeconds:").And.Contain("mountPath: /scripts");
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ZeroDowntime.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("ZeroDowntime.sln not found above the test directory");
    }
}
