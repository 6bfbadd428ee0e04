using FluentAssertions;
using k8s.Models;
using ZeroDowntime.LocalCluster.Scheduling;
using Xunit;

namespace ZeroDowntime.LocalCluster.Tests.Controllers;

public sealed class SchedulingAlgorithmTests
{
    private static V1Node N(string name, bool cordoned = false, V1Taint[]? taints = null, Dictionary<string, string>? labels = null, string ready = "True")
    {
        var all = new Dictionary<string, string>(labels ?? []) { ["kubernetes.io/hostname"] = name };
        return new V1Node
        {
            Metadata = new V1ObjectMeta { Name = name, Labels = all },
            Spec = new V1NodeSpec { Unschedulable = cordoned ? true : null, Taints = taints },
            Status = new V1NodeStatus { Conditions = [new V1NodeCondition { Type = "Ready", Status = ready }] },
        };
    }

    private static V1Pod P(string name, string? node = null, Dictionary<string, string>? labels = null, V1PodSpec? spec = null)
    {
        spec ??= new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "i" }] };
        spec.NodeName = node;
        return new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default", Uid = name, Labels = labels ?? new Dictionary<string, string> { ["app"] = "web" } },
            Spec = spec,
            Status = new V1PodStatus { Phase = node is null ? "Pending" : "Running" },
        };
    }

    private static V1PodSpec AntiAffinity(string app, bool required = true, string topologyKey = "kubernetes.io/hostname")
    {
        var term = new V1PodAffinityTerm
        {
            TopologyKey = topologyKey,
            LabelSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = app } },
        };
        return new V1PodSpec
        {
            Containers = [new V1Container { Name = "c" }],
            Affinity = new V1Affinity
            {
                PodAntiAffinity = required
                    ? new V1PodAntiAffinity { RequiredDuringSchedulingIgnoredDuringExecution = [term] }
                    : new V1PodAntiAffinity { PreferredDuringSchedulingIgnoredDuringExecution = [new V1WeightedPodAffinityTerm { Weight = 100, PodAffinityTerm = term }] },
            },
        };
    }

    [Fact]
    public void NodeSelector_restricts_the_choice()
    {
        var nodes = new[] { N("a"), N("b", labels: new() { ["disk"] = "ssd" }) };
        var pod = P("p", spec: new V1PodSpec { NodeSelector = new Dictionary<string, string> { ["disk"] = "ssd" } });
        SchedulingAlgorithm.Schedule(pod, nodes, []).NodeName.Should().Be("b");
    }

    [Fact]
    public void Cordoned_nodes_are_skipped_and_named_in_the_message()
    {
        SchedulingAlgorithm.Schedule(P("p"), [N("a", cordoned: true), N("b")], []).NodeName.Should().Be("b");
        SchedulingAlgorithm.Schedule(P("p"), [N("a", cordoned: true), N("b", cordoned: true)], []).Message
            .Should().Be("0/2 nodes are available: 2 node(s) were unschedulable.");
    }

    [Fact]
    public void Untolerated_NoSchedule_taints_keep_pods_off()
    {
        var gpu = new V1Taint { Key = "dedicated", Value = "gpu", Effect = "NoSchedule" };
        SchedulingAlgorithm.Schedule(P("p"), [N("a", taints: [gpu])], []).Message
            .Should().Be("0/1 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}.");
    }

    [Theory]
    [InlineData("Equal", "gpu", "NoSchedule")]
    [InlineData("Exists", null, null)]
    [InlineData("Exists", null, "NoSchedule")]
    public void Matching_tolerations_allow_tainted_nodes(string op, string? value, string? effect)
    {
        var pod = P("p", spec: new V1PodSpec { Tolerations = [new V1Toleration { Key = "dedicated", OperatorProperty = op, Value = value, Effect = effect }] });
        SchedulingAlgorithm.Schedule(pod, [N("a", taints: [new V1Taint { Key = "dedicated", Value = "gpu", Effect = "NoSchedule" }])], [])
            .NodeName.Should().Be("a");
    }

    [Fact]
    public void NoExecute_taints_also_block_scheduling()
    {
        var taint = new V1Taint { Key = "node.kubernetes.io/unreachable", Effect = "NoExecute" };
        SchedulingAlgorithm.Schedule(P("p"), [N("a", taints: [taint]), N("b")], []).NodeName.Should().Be("b");
    }

    [Fact]
    public void Required_anti_affinity_reports_kube_schedulers_message()
    {
        var nodes = new[] { N("zd-node-1", cordoned: true), N("zd-node-2"), N("zd-node-3"), N("zd-node-4") };
        var workers = nodes.Skip(1).Select((n, i) => P($"w{i}", n.Metadata.Name, spec: AntiAffinity("web"))).ToList();

        var result = SchedulingAlgorithm.Schedule(P("new", spec: AntiAffinity("web")), nodes, workers);

        result.Scheduled.Should().BeFalse();
        result.Message.Should().Be("0/4 nodes are available: 1 node(s) were unschedulable, 3 node(s) didn't match pod anti-affinity rules.");
    }

    [Fact]
    public void Required_anti_affinity_picks_the_node_without_a_match() =>
        SchedulingAlgorithm.Schedule(P("new", spec: AntiAffinity("web")), [N("a"), N("b")], [P("old", "a")]).NodeName.Should().Be("b");

    [Fact]
    public void Existing_pods_anti_affinity_is_symmetric()
    {
        var guard = P("guard", "a", labels: new() { ["app"] = "db" }, spec: AntiAffinity("web"));
        SchedulingAlgorithm.Schedule(P("web"), [N("a")], [guard]).Message
            .Should().Be("0/1 nodes are available: 1 node(s) didn't satisfy existing pods anti-affinity rules.");
    }

    [Fact]
    public void Anti_affinity_works_on_any_topology_key()
    {
        var nodes = new[] { N("a", labels: new() { ["zone"] = "z1" }), N("b", labels: new() { ["zone"] = "z1" }), N("c", labels: new() { ["zone"] = "z2" }) };
        SchedulingAlgorithm.Schedule(P("new", spec: AntiAffinity("web", topologyKey: "zone")), nodes, [P("old", "a")]).NodeName.Should().Be("c");
    }

    [Fact]
    public void Required_affinity_follows_the_matching_pod()
    {
        var spec = new V1PodSpec
        {
            Containers = [new V1Container { Name = "c" }],
            Affinity = new V1Affinity
            {
                PodAffinity = new V1PodAffinity
                {
                    RequiredDuringSchedulingIgnoredDuringExecution =
                        [new V1PodAffinityTerm { TopologyKey = "kubernetes.io/hostname", LabelSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "cache" } } }],
                },
            },
        };
        var cache = P("cache", "c", labels: new() { ["app"] = "cache" });
        SchedulingAlgorithm.Schedule(P("web", spec: spec), [N("a"), N("b"), N("c")], [cache]).NodeName.Should().Be("c");
        SchedulingAlgorithm.Schedule(P("web", spec: spec), [N("a")], []).Message.Should().Be("0/1 nodes are available: 1 node(s) didn't match pod affinity rules.");
    }

    [Fact]
    public void Preferred_anti_affinity_avoids_nodes_with_matching_pods() =>
        SchedulingAlgorithm.Schedule(P("new", spec: AntiAffinity("worker", required: false)), [N("a"), N("b")],
            [P("w", "a", labels: new() { ["app"] = "worker" }), P("x1", "b"), P("x2", "b")]).NodeName.Should().Be("b");

    [Fact]
    public void Spreading_prefers_the_node_with_fewest_pods_then_the_lowest_name()
    {
        var nodes = new[] { N("zd-node-10"), N("zd-node-2"), N("zd-node-1") };
        SchedulingAlgorithm.Schedule(P("p"), nodes, [P("x", "zd-node-1")]).NodeName.Should().Be("zd-node-2");
        SchedulingAlgorithm.Schedule(P("p"), nodes, []).NodeName.Should().Be("zd-node-1");
    }

    [Fact]
    public void A_node_that_is_not_ready_is_not_used() =>
        SchedulingAlgorithm.Schedule(P("p"), [N("a", ready: "False")], [])
            .Message.Should().Be("0/1 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }.");
}
