using FluentAssertions;
using Xunit;
using ZeroDowntime.Kubernetes.Safety;

namespace ZeroDowntime.Kubernetes.Tests.Safety;

public class DisruptionGateTests
{
    [Fact]
    public void The_embedded_cluster_is_always_open()
    {
        var gate = DisruptionGate.ForEmbeddedCluster();

        gate.IsOpen.Should().BeTrue();
        gate.ContextName.Should().Be("zd-local");
        gate.Invoking(g => g.EnsureOpen("delete a worker pod")).Should().NotThrow();
        gate.ExplainRefusal("delete a worker pod").Should().BeNull();
    }

    [Fact]
    public void A_kubeconfig_context_opens_on_an_exact_match()
    {
        var gate = DisruptionGate.ForContext("prod-eks", "prod-eks");

        gate.IsOpen.Should().BeTrue();
        gate.Invoking(g => g.EnsureOpen("delete a worker pod")).Should().NotThrow();
    }

    [Theory]
    [InlineData(null, "it is not set")]
    [InlineData("", "it is not set")]
    [InlineData("staging-eks", "it is set to a different value")]
    [InlineData("PROD-EKS", "it is set, but differs in letter case")]
    [InlineData("prod-eks ", "it is set, but with leading or trailing spaces")]
    [InlineData("prod", "it is set to a different value")]
    public void A_kubeconfig_context_stays_closed_unless_the_value_is_exactly_the_context(string? allow, string why)
    {
        var gate = DisruptionGate.ForContext("prod-eks", allow);

        gate.IsOpen.Should().BeFalse();
        gate.Invoking(g => g.EnsureOpen("delete a worker pod"))
            .Should().Throw<DisruptionNotAllowedException>()
            .WithMessage(
                "Refusing to delete a worker pod on context 'prod-eks': disruptive steps run only when " +
                $"ZD_ALLOW_DISRUPTION equals the context name ({why}).")
            .Which.Should().Match<DisruptionNotAllowedException>(e => e.ContextName == "prod-eks" && e.Operation == "delete a worker pod");
    }

    [Fact]
    public void The_refusal_never_echoes_the_allow_value()
    {
        var gate = DisruptionGate.ForContext("prod-eks", "s3cr3t-typo");

        gate.ExplainRefusal("cordon a node").Should().NotContain("s3cr3t");
        gate.ToString().Should().NotContain("s3cr3t");
    }

    [Fact]
    public void ToString_says_which_rule_applies()
    {
        DisruptionGate.ForEmbeddedCluster().ToString().Should().Be("disruption allowed: embedded cluster (context 'zd-local')");
        DisruptionGate.ForContext("kind-zd", "kind-zd").ToString().Should().Be("disruption allowed: ZD_ALLOW_DISRUPTION equals context 'kind-zd'");
        DisruptionGate.ForContext("kind-zd", null).ToString().Should().Be("disruption not allowed on context 'kind-zd' (it is not set)");
    }
}
