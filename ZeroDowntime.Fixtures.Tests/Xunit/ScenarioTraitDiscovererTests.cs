using FluentAssertions;
using Xunit;
using Xunit.Sdk;
using ZeroDowntime.Fixtures.Xunit;

namespace ZeroDowntime.Fixtures.Tests.Xunit;

public sealed class ScenarioTraitDiscovererTests
{
    [Fact]
    public void The_scenario_attribute_becomes_the_trait_filters_select_on()
    {
        var attribute = new ReflectionAttributeInfo(typeof(NodeDrainLike).GetCustomAttributesData().Single());

        var traits = new ScenarioTraitDiscoverer().GetTraits(attribute);

        traits.Select(t => $"{t.Key}={t.Value}").Should().Equal("Scenario=NodeDrain");
    }

    [Fact]
    public void Suite_order_comes_from_the_scenario_attribute_and_defaults_to_zero()
    {
        ScenarioClassOrder.OrderOf(Reflector.Wrap(typeof(NodeDrainLike))).Should().Be(30);
        ScenarioClassOrder.OrderOf(Reflector.Wrap(typeof(ScenarioTraitDiscovererTests))).Should().Be(0);
    }

    [Fact]
    public void A_blank_scenario_name_is_refused()
    {
        var create = () => new ScenarioAttribute(" ");

        create.Should().Throw<ArgumentException>();
    }

    [Scenario("NodeDrain", Order = 30)]
    private sealed class NodeDrainLike;
}
