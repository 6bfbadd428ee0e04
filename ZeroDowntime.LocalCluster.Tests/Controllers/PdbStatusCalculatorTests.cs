using FluentAssertions;
using k8s.Models;
using ZeroDowntime.LocalCluster.Controllers.Disruption;
using Xunit;

namespace ZeroDowntime.LocalCluster.Tests.Controllers;

public sealed class PdbStatusCalculatorTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static V1PodDisruptionBudget Budget(IntOrString? minAvailable = null, IntOrString? maxUnavailable = null,
        IDictionary<string, DateTime?>? disrupted = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = "pdb", NamespaceProperty = "default", Generation = 3 },
        Spec = new V1PodDisruptionBudgetSpec { MinAvailable = minAvailable, MaxUnavailable = maxUnavailable },
        Status = new V1PodDisruptionBudgetStatus { DisruptedPods = disrupted },
    };

    private static V1Pod P(string name, bool ready = true, bool terminating = false) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default", DeletionTimestamp = terminating ? Now.UtcDateTime : null },
        Status = new V1PodStatus { Phase = "Running", Conditions = [new V1PodCondition { Type = "Ready", Status = ready ? "True" : "False" }] },
    };

    private static readonly V1Pod[] ThreeReady = [P("a"), P("b"), P("c")];

    [Fact]
    public void Integer_minAvailable_expects_the_matching_pods()
    {
        var status = PdbStatusCalculator.Calculate(Budget(minAvailable: 2), ThreeReady, controllersScale: 99, Now).Status;
        status.Should().BeEquivalentTo(new { ExpectedPods = 3, DesiredHealthy = 2, CurrentHealthy = 3, DisruptionsAllowed = 1, ObservedGeneration = 3L });
        status.Conditions.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Type = "DisruptionAllowed", Status = "True", Reason = "SufficientPods" });
    }

    [Fact]
    public void Percentage_minAvailable_uses_the_controllers_scale_rounded_up()
    {
        var status = PdbStatusCalculator.Calculate(Budget(minAvailable: "50%"), ThreeReady, controllersScale: 3, Now).Status;
        status.Should().BeEquivalentTo(new { ExpectedPods = 3, DesiredHealthy = 2, DisruptionsAllowed = 1 });
    }

    [Fact]
    public void MaxUnavailable_subtracts_from_the_controllers_scale()
    {
        var status = PdbStatusCalculator.Calculate(Budget(maxUnavailable: 1), [P("a"), P("b")], controllersScale: 3, Now).Status;
        status.Should().BeEquivalentTo(new { ExpectedPods = 3, DesiredHealthy = 2, CurrentHealthy = 2, DisruptionsAllowed = 0 });
        status.Conditions.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Status = "False", Reason = "InsufficientPods" });
    }

    [Fact]
    public void Percentage_maxUnavailable_rounds_up() =>
        PdbStatusCalculator.Calculate(Budget(maxUnavailable: "34%"), ThreeReady, 3, Now).Status
            .Should().BeEquivalentTo(new { DesiredHealthy = 1, DisruptionsAllowed = 2 });

    [Fact]
    public void Unready_and_terminating_pods_are_not_healthy() =>
        PdbStatusCalculator.Calculate(Budget(minAvailable: 1), [P("a"), P("b", ready: false), P("c", terminating: true)], 3, Now).Status
            .Should().BeEquivalentTo(new { ExpectedPods = 3, CurrentHealthy = 1, DisruptionsAllowed = 0 });

    [Fact]
    public void Recently_disrupted_pods_are_not_healthy_and_trigger_a_recheck()
    {
        var result = PdbStatusCalculator.Calculate(Budget(minAvailable: 2, disrupted: new Dictionary<string, DateTime?> { ["a"] = Now.AddSeconds(-30).UtcDateTime }),
            ThreeReady, 3, Now);
        result.Status.Should().BeEquivalentTo(new { CurrentHealthy = 2, DisruptionsAllowed = 0 });
        result.Status.DisruptedPods.Should().ContainKey("a");
        result.RecheckAfter.Should().Be(TimeSpan.FromSeconds(90));
    }

    [Fact]
    public void Disrupted_entries_expire_after_two_minutes()
    {
        var result = PdbStatusCalculator.Calculate(Budget(minAvailable: 2, disrupted: new Dictionary<string, DateTime?> { ["a"] = Now.AddMinutes(-2).UtcDateTime }),
            ThreeReady, 3, Now);
        result.Status.Should().BeEquivalentTo(new { CurrentHealthy = 3, DisruptionsAllowed = 1 });
        result.Status.DisruptedPods.Should().BeNull();
    }

    [Fact]
    public void Disrupted_entries_of_terminating_pods_are_dropped() =>
        PdbStatusCalculator.Calculate(Budget(minAvailable: 1, disrupted: new Dictionary<string, DateTime?> { ["a"] = Now.UtcDateTime }),
            [P("a", terminating: true), P("b")], 2, Now).Status.DisruptedPods.Should().BeNull();

    [Fact]
    public void No_expected_pods_allows_no_disruption() =>
        PdbStatusCalculator.Calculate(Budget(maxUnavailable: 1), [], 0, Now).Status.DisruptionsAllowed.Should().Be(0);
}
