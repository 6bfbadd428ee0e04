using System.Text.Json.Nodes;
using k8s.Models;
using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Storage;
using ZeroDowntime.LocalCluster.Tests.Support;

namespace ZeroDowntime.LocalCluster.Tests;

public sealed class DeletionTests : IClassFixture<TestCluster>
{
    private readonly TestCluster _cluster;

    public DeletionTests(TestCluster cluster) => _cluster = cluster;

    private ClusterApi Api => _cluster.Api;

    [Fact]
    public async Task A_scheduled_pod_terminates_gracefully_then_the_terminator_removes_it()
    {
        var ns = _cluster.NewNamespace();
        Api.Pods.Create(Objects.Pod(ns, "p", grace: 30));

        var result = Api.Pods.Delete(ns, "p");

        result.Removed.Should().BeFalse();
        result.Object.GetNode("metadata", "deletionTimestamp").Should().NotBeNull();
        result.Object.GetInt64("metadata", "deletionGracePeriodSeconds").Should().Be(30);
        Api.Pods.TryGet(ns, "p").Should().NotBeNull("the pod stays visible while terminating");
        await _cluster.WaitUntilAsync(() => Api.Pods.TryGet(ns, "p") is null, Deadlines.StoreChange, "the terminator to remove the pod");
    }

    [Fact]
    public void An_unscheduled_pod_is_removed_at_once()
    {
        var ns = _cluster.NewNamespace();
        Api.Pods.Create(Objects.Pod(ns, "p", node: null));

        Api.Pods.Delete(ns, "p").Removed.Should().BeTrue();
        Api.Pods.TryGet(ns, "p").Should().BeNull();
    }

    [Fact]
    public void A_second_delete_with_a_shorter_grace_shortens_it_and_grace_zero_removes_at_once()
    {
        var ns = _cluster.NewNamespace();
        Api.PodTerminator.Should().NotBeNull();
        Api.Pods.Create(Objects.Pod(ns, "p", grace: 600));
        Api.Pods.Delete(ns, "p");

        var shortened = Api.Pods.Delete(ns, "p", new V1DeleteOptions { GracePeriodSeconds = 100 });
        shortened.Object.GetInt64("metadata", "deletionGracePeriodSeconds").Should().Be(100);

        var longer = Api.Pods.Delete(ns, "p", new V1DeleteOptions { GracePeriodSeconds = 500 });
        longer.Object.GetInt64("metadata", "deletionGracePeriodSeconds").Should().Be(100, "a longer grace never extends termination");

        Api.Pods.Delete(ns, "p", new V1DeleteOptions { GracePeriodSeconds = 0 }).Removed.Should().BeTrue();
    }

    [Fact]
    public void A_delete_with_a_stale_uid_precondition_is_a_conflict()
    {
        var ns = _cluster.NewNamespace();
        Api.Pods.Create(Objects.Pod(ns, "p", node: null));

        var error = Objects.Fails(() => Api.Pods.Delete(ns, "p", new V1DeleteOptions { Preconditions = new V1Preconditions { Uid = "other" } }));

        error.Code.Should().Be(409);
        error.Message.Should().StartWith("Operation cannot be fulfilled on pods \"p\": Precondition failed: UID in precondition: other, UID in object meta: ");
    }

    [Fact]
    public async Task Background_propagation_deletes_dependents_after_the_owner_is_gone()
    {
        var ns = _cluster.NewNamespace();
        var owner = Api.Deployments.Create(Objects.Deployment(ns, "web"));
        Api.Pods.Create(Objects.WithOwner(Objects.Pod(ns, "dep", node: null), owner));

        Api.Deployments.Delete(ns, "web", new V1DeleteOptions { PropagationPolicy = "Background" }).Removed.Should().BeTrue();

        await _cluster.WaitUntilAsync(() => Api.Pods.TryGet(ns, "dep") is null, Deadlines.StoreChange, "the dependent pod to be collected");
    }

    [Fact]
    public async Task Orphan_propagation_keeps_dependents_and_strips_their_owner_reference()
    {
        var ns = _cluster.NewNamespace();
        var owner = Api.Deployments.Create(Objects.Deployment(ns, "web"));
        Api.Pods.Create(Objects.WithOwner(Objects.Pod(ns, "dep", node: null), owner));

        Api.Deployments.Delete(ns, "web", new V1DeleteOptions { PropagationPolicy = "Orphan" });

        await _cluster.WaitUntilAsync(() => Api.Deployments.TryGet(ns, "web") is null, Deadlines.StoreChange, "the owner to go");
        var dependent = Api.Pods.Get(ns, "dep");
        dependent.GetNode("metadata", "ownerReferences").Should().BeNull();
    }

    [Fact]
    public async Task Jobs_orphan_their_pods_by_default()
    {
        var ns = _cluster.NewNamespace();
        var job = Api.Jobs.Create(new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "once", ["namespace"] = ns },
            ["spec"] = new JsonObject { ["template"] = new JsonObject { ["spec"] = Objects.Pod(ns, "x")["spec"]!.DeepClone() } },
        });
        Api.Pods.Create(Objects.WithOwner(Objects.Pod(ns, "job-pod", node: null), job));

        Api.Jobs.Delete(ns, "once");

        await _cluster.WaitUntilAsync(() => Api.Jobs.TryGet(ns, "once") is null, Deadlines.StoreChange, "the job to go");
        Api.Pods.TryGet(ns, "job-pod").Should().NotBeNull();
    }

    [Fact]
    public async Task Foreground_propagation_keeps_the_owner_until_its_dependents_are_gone()
    {
        var ns = _cluster.NewNamespace();
        var owner = Api.ReplicaSets.Create(new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "rs", ["namespace"] = ns },
            ["spec"] = Objects.Deployment(ns, "rs")["spec"]!.DeepClone(),
        });
        Api.Pods.Create(Objects.WithOwner(Objects.Pod(ns, "dep", grace: 1), owner));

        var result = Api.ReplicaSets.Delete(ns, "rs", new V1DeleteOptions { PropagationPolicy = "Foreground" });

        result.Removed.Should().BeFalse();
        result.Object["metadata"]!["finalizers"]!.AsArray().Select(f => f!.GetValue<string>()).Should().Contain("foregroundDeletion");
        await _cluster.WaitUntilAsync(() => Api.ReplicaSets.TryGet(ns, "rs") is null && Api.Pods.TryGet(ns, "dep") is null,
            Deadlines.StoreChange, "owner and dependent to go");
    }

    [Fact]
    public async Task Removing_the_last_finalizer_of_a_deleted_object_removes_it()
    {
        var ns = _cluster.NewNamespace();
        var cm = new JsonObject { ["metadata"] = new JsonObject { ["name"] = "c", ["namespace"] = ns, ["finalizers"] = new JsonArray("example.com/keep") } };
        _cluster.Api.For("", "configmaps").Create(cm);

        _cluster.Api.For("", "configmaps").Delete(ns, "c").Removed.Should().BeFalse();
        _cluster.Api.For("", "configmaps").Mutate(ns, "c", c => c.Metadata().Remove("finalizers"));

        await _cluster.WaitUntilAsync(() => _cluster.Api.For("", "configmaps").TryGet(ns, "c") is null, Deadlines.StoreChange, "the configmap to go");
    }
}
