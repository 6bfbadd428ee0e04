using FluentAssertions;
using k8s;
using k8s.Models;
using Xunit;
using ZeroDowntime.Fixtures.Chaos;
using ZeroDowntime.Fixtures.Cluster;
using ZeroDowntime.Fixtures.Configuration;

namespace ZeroDowntime.Fixtures.Tests.Chaos;

public sealed class PartitionPolicyTests
{
    [Theory]
    [InlineData("ray.io/node-type=head", "ray.io/node-type In [head]", "ray.io/node-type NotIn [head]")]
    [InlineData("app!=redis", "app NotIn [redis]", "app In [redis]")]
    [InlineData("tier in (a, b)", "tier In [a,b]", "tier NotIn [a,b]")]
    [InlineData("tier notin (a,b)", "tier NotIn [a,b]", "tier In [a,b]")]
    [InlineData("canary", "canary Exists []", "canary DoesNotExist []")]
    [InlineData("!canary", "canary DoesNotExist []", "canary Exists []")]
    public void A_selector_term_parses_and_negates(string selector, string parsed, string negated)
    {
        var requirement = SelectorRequirements.Parse(selector).Single();

        Text(requirement).Should().Be(parsed);
        Text(SelectorRequirements.Negate(requirement)).Should().Be(negated);
    }

    [Fact]
    public void A_selector_becomes_match_labels_for_equalities_and_expressions_for_the_rest()
    {
        var selector = SelectorRequirements.ToLabelSelector("ray.io/cluster=ray,ray.io/node-type in (worker,gpu-worker)");

        selector.MatchLabels.Should().Equal(new Dictionary<string, string> { ["ray.io/cluster"] = "ray" });
        selector.MatchExpressions.Select(Text).Should().Equal("ray.io/node-type In [worker,gpu-worker]");
        FluentActions.Invoking(() => SelectorRequirements.Parse("a b")).Should().Throw<FormatException>().WithMessage("'a b' is not a label requirement.");
    }

    [Fact]
    public void The_policy_cuts_the_isolated_role_off_from_the_peer_both_ways_and_from_nothing_else()
    {
        var target = new TargetSettings
        {
            Workers = new RoleSettings { Name = "worker", Selector = "ray.io/node-type=worker" },
            Head = new RoleSettings { Name = "head", Selector = "ray.io/cluster=ray,ray.io/node-type=head" },
        };

        var policy = PartitionPolicy.Build("zd-1-partition", "ray", "zd-1", "workers-from-head", target.Workers, target.Head, ["127.10.0.9", "fd00::9", "bogus"]);

        policy.Metadata.Labels.Should().Contain(SuiteLabels.Run, "zd-1").And.Contain(PartitionPolicy.PartitionLabel, "workers-from-head");
        policy.Metadata.NamespaceProperty.Should().Be("ray");
        policy.Spec.PodSelector.MatchLabels.Should().Equal(new Dictionary<string, string> { ["ray.io/node-type"] = "worker" });
        policy.Spec.PolicyTypes.Should().Equal("Ingress", "Egress");
        var peers = policy.Spec.Ingress.Single().FromProperty;
        policy.Spec.Egress.Single().To.Should().BeSameAs(peers);
        peers.Where(p => p.PodSelector is not null).Select(p => (p.NamespaceSelector is not null, Text(p.PodSelector.MatchExpressions.Single())))
            .Should().Equal((true, "ray.io/cluster NotIn [ray]"), (true, "ray.io/node-type NotIn [head]"));
        peers.Where(p => p.IpBlock is not null).Select(p => $"{p.IpBlock.Cidr} except {string.Join(",", p.IpBlock.Except ?? [])}")
            .Should().Equal("0.0.0.0/0 except 127.10.0.9/32", "::/0 except fd00::9/128");
        KubernetesYaml.Serialize(policy).Should().Contain("kind: NetworkPolicy");
    }

    private static string Text(V1LabelSelectorRequirement r) => $"{r.Key} {r.OperatorProperty} [{string.Join(",", r.Values ?? [])}]";
}
