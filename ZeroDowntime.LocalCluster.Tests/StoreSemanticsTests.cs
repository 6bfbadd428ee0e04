using System.Text.Json.Nodes;
using k8s.Models;
using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Patching;
using ZeroDowntime.LocalCluster.Tests.Support;

namespace ZeroDowntime.LocalCluster.Tests;

public sealed class StoreSemanticsTests : IClassFixture<TestCluster>
{
    private readonly TestCluster _cluster;

    public StoreSemanticsTests(TestCluster cluster) => _cluster = cluster;

    private ClusterApi Api => _cluster.Api;

    [Fact]
    public void Resource_versions_increase_monotonically_across_kinds()
    {
        var ns = _cluster.NewNamespace();
        var versions = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            versions.Add(long.Parse(Objects.Rv(Api.Pods.Create(Objects.Pod(ns, $"p{i}")))));
            versions.Add(long.Parse(Objects.Rv(Api.Deployments.Create(Objects.Deployment(ns, $"d{i}")))));
        }

        versions.Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
    }

    [Fact]
    public void Create_sets_uid_creation_timestamp_and_generation_one_for_workloads_only()
    {
        var ns = _cluster.NewNamespace();
        var deployment = Api.Deployments.Create(Objects.Deployment(ns, "web"));
        var pod = Api.Pods.Create(Objects.Pod(ns, "p"));

        Guid.TryParse(deployment.Uid(), out _).Should().BeTrue();
        deployment.GetString("metadata", "creationTimestamp").Should().MatchRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$");
        deployment.GetInt64("metadata", "generation").Should().Be(1);
        pod.GetNode("metadata", "generation").Should().BeNull("pods have no generation in v1.32");
        pod.GetString("status", "phase").Should().Be("Pending");
    }

    [Fact]
    public void GenerateName_gives_each_object_a_unique_suffixed_name()
    {
        var ns = _cluster.NewNamespace();
        var names = Enumerable.Range(0, 20).Select(_ =>
        {
            var pod = Objects.Pod(ns, "");
            pod.Metadata().Remove("name");
            pod.Metadata()["generateName"] = "web-";
            return Api.Pods.Create(pod).Name();
        }).ToList();

        names.Should().OnlyHaveUniqueItems().And.OnlyContain(n => n.StartsWith("web-") && n.Length == 9);
    }

    [Fact]
    public void Generation_bumps_on_spec_changes_but_not_on_labels_or_status()
    {
        var ns = _cluster.NewNamespace();
        Api.Deployments.Create(Objects.Deployment(ns, "web"));

        var labelled = Api.Deployments.Mutate(ns, "web", d => d.Ensure("metadata", "labels")["tier"] = "front");
        labelled.GetInt64("metadata", "generation").Should().Be(1);

        var status = Api.Deployments.Mutate(ns, "web", d => d.Ensure("status")["replicas"] = 2, status: true);
        status.GetInt64("metadata", "generation").Should().Be(1);

        var scaled = Api.Deployments.Mutate(ns, "web", d => d.Ensure("spec")["replicas"] = 5);
        scaled.GetInt64("metadata", "generation").Should().Be(2);
    }

    [Fact]
    public void Update_with_a_stale_resource_version_is_a_409_conflict()
    {
        var ns = _cluster.NewNamespace();
        var first = Api.Pods.Create(Objects.Pod(ns, "p"));
        Api.Pods.Mutate(ns, "p", p => p.Ensure("metadata", "labels")["x"] = "1");

        first.Ensure("metadata", "labels")["y"] = "2";
        var error = Objects.Fails(() => Api.Pods.Update(first));

        error.Code.Should().Be(409);
        error.Reason.Should().Be("Conflict");
        error.Message.Should().Be("Operation cannot be fulfilled on pods \"p\": the object has been modified; please apply your changes to the latest version and try again");
    }

    [Fact]
    public void Creating_an_existing_name_is_409_already_exists()
    {
        var ns = _cluster.NewNamespace();
        Api.Deployments.Create(Objects.Deployment(ns, "web"));

        var error = Objects.Fails(() => Api.Deployments.Create(Objects.Deployment(ns, "web")));

        error.Code.Should().Be(409);
        error.Message.Should().Be("deployments.apps \"web\" already exists");
    }

    [Fact]
    public void A_missing_name_is_422_invalid_with_a_cause_naming_the_field()
    {
        var ns = _cluster.NewNamespace();
        var pod = Objects.Pod(ns, "");
        pod.Metadata().Remove("name");

        var error = Objects.Fails(() => Api.Pods.Create(pod));

        error.Code.Should().Be(422);
        error.Message.Should().Be("Pod \"\" is invalid: metadata.name: Required value: name or generateName is required");
        error.Details!["causes"]![0]!["field"]!.GetValue<string>().Should().Be("metadata.name");
    }

    [Fact]
    public void A_deployment_whose_selector_misses_its_template_labels_is_invalid()
    {
        var ns = _cluster.NewNamespace();
        var deployment = Objects.Deployment(ns, "web");
        deployment["spec"]!["selector"]!["matchLabels"]!["app"] = "other";

        var error = Objects.Fails(() => Api.Deployments.Create(deployment));

        error.Code.Should().Be(422);
        error.Message.Should().EndWith("`selector` does not match template `labels`");
    }

    [Fact]
    public void Creating_in_a_missing_namespace_is_404()
    {
        var error = Objects.Fails(() => Api.Pods.Create(Objects.Pod("no-such-ns", "p")));

        error.Code.Should().Be(404);
        error.Message.Should().Be("namespaces \"no-such-ns\" not found");
    }

    [Fact]
    public void Status_writes_change_only_status_and_main_writes_keep_status()
    {
        var ns = _cluster.NewNamespace();
        var pod = Api.Pods.Create(Objects.Pod(ns, "p"));

        pod["status"]!["phase"] = "Running";
        pod.Ensure("metadata", "labels")["sneaky"] = "yes";
        var afterStatus = Api.Pods.UpdateStatus(pod);
        afterStatus.GetString("status", "phase").Should().Be("Running");
        afterStatus.GetString("metadata", "labels", "sneaky").Should().BeNull();

        afterStatus["status"]!["phase"] = "Failed";
        var afterMain = Api.Pods.Update(afterStatus);
        afterMain.GetString("status", "phase").Should().Be("Running");
    }

    [Fact]
    public void An_identical_update_commits_nothing()
    {
        var ns = _cluster.NewNamespace();
        var pod = Api.Pods.Create(Objects.Pod(ns, "p"));

        var again = Api.Pods.Update(pod);

        Objects.Rv(again).Should().Be(Objects.Rv(pod));
    }

    [Fact]
    public void Deployments_get_rolling_update_defaults_of_25_percent()
    {
        var ns = _cluster.NewNamespace();
        var deployment = Api.Deployments.Create(Objects.Deployment(ns, "web"));

        deployment.GetString("spec", "strategy", "type").Should().Be("RollingUpdate");
        deployment.GetString("spec", "strategy", "rollingUpdate", "maxSurge").Should().Be("25%");
        deployment.GetString("spec", "strategy", "rollingUpdate", "maxUnavailable").Should().Be("25%");
    }

    [Fact]
    public void Scale_patch_changes_spec_replicas_and_bumps_generation()
    {
        var ns = _cluster.NewNamespace();
        Api.Deployments.Create(Objects.Deployment(ns, "web"));

        var scale = Api.Deployments.Patch(ns, "web", V1Patch.PatchType.MergePatch, JsonNode.Parse("""{"spec":{"replicas":7}}""")!, "scale");

        scale.GetString("kind").Should().Be("Scale");
        scale.GetInt64("spec", "replicas").Should().Be(7);
        scale.GetString("status", "selector").Should().Be("app=web");
        var deployment = Api.Deployments.Get(ns, "web");
        deployment.GetInt64("spec", "replicas").Should().Be(7);
        deployment.GetInt64("metadata", "generation").Should().Be(2);
    }

    [Fact]
    public void Services_get_a_cluster_ip_and_default_target_port()
    {
        var ns = _cluster.NewNamespace();
        var service = Api.Services.Create(new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "web", ["namespace"] = ns },
            ["spec"] = new JsonObject { ["selector"] = new JsonObject { ["app"] = "web" }, ["ports"] = new JsonArray(new JsonObject { ["port"] = 80 }) },
        });

        service.GetString("spec", "clusterIP").Should().StartWith("10.96.");
        service["spec"]!["ports"]![0]!["targetPort"]!.GetValue<long>().Should().Be(80);
    }
}
