using System.Net;
using FluentAssertions;
using k8s;
using k8s.Models;
using ZeroDowntime.LocalCluster.Networking.Policy;
using Xunit;

namespace ZeroDowntime.LocalCluster.Tests.Networking;

/// <summary>networking.k8s.io/v1 semantics, decision by decision, on a fixed set of pods.</summary>
public sealed class NetworkPolicySnapshotTests
{
    private static readonly PolicyPod Worker = Pod("default", "worker", "127.10.0.1", new() { ["ray.io/node-type"] = "worker" }, ("serve", 8000), ("agent", 52365));
    private static readonly PolicyPod Head = Pod("default", "head", "127.10.0.2", new() { ["ray.io/node-type"] = "head" }, ("dashboard", 8265));
    private static readonly PolicyPod Redis = Pod("default", "redis", "127.10.0.3", new() { ["app"] = "redis" }, ("redis", 6379));
    private static readonly PolicyPod Monitor = Pod("monitoring", "monitor", "127.10.0.4", new() { ["app"] = "prometheus" });
    private static readonly TrafficSource LoadBalancerClient = TrafficSource.External(IPAddress.Loopback);

    [Fact]
    public void Without_policies_everything_is_allowed()
    {
        var decision = Snapshot().Evaluate(From(Head), To(Worker, 8000));

        decision.Should().Be(PolicyDecision.NotSelected);
    }

    [Fact]
    public void A_deny_all_ingress_policy_isolates_the_selected_pods_from_pods_and_from_outside_but_not_their_egress()
    {
        var snapshot = Snapshot(DenyIngress("deny-workers", "ray.io/node-type: worker"));

        snapshot.Evaluate(LoadBalancerClient, To(Worker, 8000)).Should().Be(new PolicyDecision(false,
            "ingress to pod default/worker port 8000 from external 127.0.0.1 is not allowed by NetworkPolicy default/deny-workers"));
        snapshot.Evaluate(From(Head), To(Worker, 8000)).Allowed.Should().BeFalse();
        snapshot.Evaluate(From(Worker), To(Head, 8265)).Allowed.Should().BeTrue("only ingress is isolated, and the head is not selected");
    }

    [Fact]
    public void An_empty_pod_selector_selects_every_pod_of_its_namespace_only()
    {
        var snapshot = Snapshot(DenyIngress("default-deny", ""));

        snapshot.Evaluate(From(Worker), To(Head, 8265)).Allowed.Should().BeFalse();
        snapshot.Evaluate(From(Worker), To(Monitor, 9090)).Allowed.Should().BeTrue("the monitor lives in another namespace");
    }

    [Fact]
    public void An_ingress_rule_admits_only_its_peers_on_its_ports()
    {
        var snapshot = Snapshot(Policy("from-head", "ray.io/node-type: worker", """
            ingress:
            - from: [{ podSelector: { matchLabels: { ray.io/node-type: head } } }]
              ports: [{ port: 8000 }]
            """));

        snapshot.Evaluate(From(Head), To(Worker, 8000)).Should().Be(new PolicyDecision(true, "ingress allowed by default/from-head"));
        snapshot.Evaluate(From(Head), To(Worker, 52365)).Allowed.Should().BeFalse("port 52365 is not listed");
        snapshot.Evaluate(From(Redis), To(Worker, 8000)).Allowed.Should().BeFalse("redis is not a listed peer");
    }

    [Fact]
    public void A_pod_selector_alone_means_pods_of_the_policys_own_namespace()
    {
        var snapshot = Snapshot(Policy("from-prometheus", "ray.io/node-type: worker", """
            ingress: [{ from: [{ podSelector: { matchLabels: { app: prometheus } } }] }]
            """));

        snapshot.Evaluate(From(Monitor), To(Worker, 8000)).Allowed.Should().BeFalse("the prometheus pod is in namespace monitoring");
    }

    [Fact]
    public void A_namespace_selector_admits_every_pod_of_the_matching_namespaces_and_combines_with_a_pod_selector()
    {
        var byLabel = Snapshot(Policy("from-ops", "ray.io/node-type: worker", """
            ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: ops } } }] }]
            """));
        var byName = Snapshot(Policy("from-monitoring", "ray.io/node-type: worker", """
            ingress: [{ from: [{ namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: monitoring } } }] }]
            """));
        var both = Snapshot(Policy("from-ops-grafana", "ray.io/node-type: worker", """
            ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: ops } }, podSelector: { matchLabels: { app: grafana } } }] }]
            """));

        byLabel.Evaluate(From(Monitor), To(Worker, 8000)).Allowed.Should().BeTrue();
        byLabel.Evaluate(From(Head), To(Worker, 8000)).Allowed.Should().BeFalse("namespace default has no team=ops label");
        byName.Evaluate(From(Monitor), To(Worker, 8000)).Allowed.Should().BeTrue("every namespace carries kubernetes.io/metadata.name");
        both.Evaluate(From(Monitor), To(Worker, 8000)).Allowed.Should().BeFalse("both selectors must match");
    }

    [Fact]
    public void An_ip_block_matches_addresses_outside_the_pod_network_only_and_honours_its_exceptions()
    {
        var snapshot = Snapshot(Policy("from-loopback", "ray.io/node-type: worker", """
            ingress: [{ from: [{ ipBlock: { cidr: 127.0.0.0/8, except: [127.0.0.5/32] } }] }]
            """));

        snapshot.Evaluate(LoadBalancerClient, To(Worker, 8000)).Allowed.Should().BeTrue();
        snapshot.Evaluate(TrafficSource.External(IPAddress.Parse("127.0.0.5")), To(Worker, 8000)).Allowed.Should().BeFalse("127.0.0.5 is excepted");
        snapshot.Evaluate(From(Head), To(Worker, 8000)).Allowed.Should().BeFalse("a pod is matched by selectors, never by its IP");
    }

    [Fact]
    public void An_egress_policy_without_rules_isolates_the_selected_pods_outbound_only()
    {
        var snapshot = Snapshot(Policy("workers-no-egress", "ray.io/node-type: worker", "policyTypes: [Egress]"));

        snapshot.Evaluate(From(Worker), To(Head, 8265)).Should().Be(new PolicyDecision(false,
            "egress from pod default/worker to pod default/head:8265 is not allowed by NetworkPolicy default/workers-no-egress"));
        snapshot.Evaluate(From(Head), To(Worker, 8000)).Allowed.Should().BeTrue("the workers' ingress is not isolated");
        snapshot.Evaluate(LoadBalancerClient, To(Worker, 8000)).Allowed.Should().BeTrue();
    }

    [Fact]
    public void An_egress_rule_with_a_NotIn_selector_cuts_only_the_excluded_pods()
    {
        var snapshot = Snapshot(Policy("workers-from-head", "ray.io/node-type: worker", """
            policyTypes: [Egress]
            egress:
            - to: [{ namespaceSelector: {}, podSelector: { matchExpressions: [{ key: ray.io/node-type, operator: NotIn, values: [head] }] } }]
            """));

        snapshot.Evaluate(From(Worker), To(Head, 8265)).Allowed.Should().BeFalse();
        snapshot.Evaluate(From(Worker), To(Redis, 6379)).Allowed.Should().BeTrue("redis has no node-type label, so NotIn holds");
        snapshot.Evaluate(From(Worker), To(Monitor, 9090)).Allowed.Should().BeTrue("an empty namespace selector spans every namespace");
    }

    [Fact]
    public void Policy_types_default_to_Ingress_plus_Egress_when_the_policy_has_egress_rules()
    {
        var egressOnlyRules = Snapshot(Policy("egress-to-redis", "ray.io/node-type: worker", """
            egress: [{ to: [{ podSelector: { matchLabels: { app: redis } } }] }]
            """));
        var ingressOnlyRules = Snapshot(Policy("ingress-from-head", "ray.io/node-type: worker", """
            ingress: [{ from: [{ podSelector: { matchLabels: { ray.io/node-type: head } } }] }]
            """));

        egressOnlyRules.Evaluate(From(Worker), To(Redis, 6379)).Allowed.Should().BeTrue();
        egressOnlyRules.Evaluate(From(Worker), To(Head, 8265)).Allowed.Should().BeFalse("egress is isolated by the egress section");
        egressOnlyRules.Evaluate(From(Head), To(Worker, 8000)).Allowed.Should().BeFalse("ingress is always isolated, and there are no ingress rules");
        ingressOnlyRules.Evaluate(From(Worker), To(Redis, 6379)).Allowed.Should().BeTrue("without an egress section egress is not isolated");
    }

    [Fact]
    public void Named_ports_resolve_on_the_destination_and_ranges_and_protocols_are_honoured()
    {
        var named = Snapshot(Policy("serve-only", "ray.io/node-type: worker", "ingress: [{ ports: [{ port: serve }] }]"));
        var range = Snapshot(Policy("range", "ray.io/node-type: worker", "ingress: [{ ports: [{ port: 8000, endPort: 8100 }] }]"));
        var udp = Snapshot(Policy("udp", "ray.io/node-type: worker", "ingress: [{ ports: [{ port: 8000, protocol: UDP }] }]"));

        named.Evaluate(From(Head), To(Worker, 8000)).Allowed.Should().BeTrue();
        named.Evaluate(From(Head), To(Worker, 52365)).Allowed.Should().BeFalse();
        range.Evaluate(From(Head), To(Worker, 8000)).Allowed.Should().BeTrue();
        range.Evaluate(From(Head), To(Worker, 52365)).Allowed.Should().BeFalse();
        udp.Evaluate(From(Head), To(Worker, 8000)).Allowed.Should().BeFalse("the proxies carry TCP only");
    }

    [Fact]
    public void A_connection_needs_the_sources_egress_and_the_destinations_ingress_and_policies_add_up()
    {
        var snapshot = Snapshot(
            DenyIngress("deny-workers", "ray.io/node-type: worker"),
            Policy("from-head", "ray.io/node-type: worker", "ingress: [{ from: [{ podSelector: { matchLabels: { ray.io/node-type: head } } }] }]"),
            Policy("head-egress-redis-only", "ray.io/node-type: head", """
                policyTypes: [Egress]
                egress: [{ to: [{ podSelector: { matchLabels: { app: redis } } }] }]
                """));

        snapshot.Evaluate(From(Redis), To(Worker, 8000)).Allowed.Should().BeFalse();
        snapshot.Evaluate(From(Head), To(Redis, 6379)).Allowed.Should().BeTrue();
        snapshot.Evaluate(From(Head), To(Worker, 8000)).Allowed.Should().BeFalse("the worker admits the head, but the head's egress reaches redis only");
    }

    private static NetworkPolicySnapshot Snapshot(params string[] policies) => new(
        1,
        policies.Select(y => CompiledNetworkPolicy.From(KubernetesYaml.Deserialize<V1NetworkPolicy>(y))).ToList(),
        [Worker, Head, Redis, Monitor],
        new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["default"] = new Dictionary<string, string>(),
            ["monitoring"] = new Dictionary<string, string> { ["team"] = "ops" },
        });

    private static string DenyIngress(string name, string labels) => Policy(name, labels, "policyTypes: [Ingress]");

    private static string Policy(string name, string labels, string rest)
    {
        var selector = labels.Length == 0 ? "{}" : $"{{ matchLabels: {{ {labels} }} }}";
        var body = string.Join("\n", rest.Split('\n').Select(line => "  " + line.TrimEnd()));
        return $"apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {{ name: {name}, namespace: default }}\nspec:\n  podSelector: {selector}\n{body}\n";
    }

    private static PolicyPod Pod(string ns, string name, string ip, Dictionary<string, string> labels, params (string Name, int Port)[] ports) =>
        new(ns, name, name + "-uid", labels, IPAddress.Parse(ip), ports.ToDictionary(p => p.Name, p => p.Port));

    private static TrafficSource From(PolicyPod pod) => TrafficSource.Pod(pod.Uid, IPAddress.Loopback);

    private static IPEndPoint To(PolicyPod pod, int port) => new(pod.Address!, port);
}
