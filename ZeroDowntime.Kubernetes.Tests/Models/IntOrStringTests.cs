using FluentAssertions;
using ZeroDowntime.Kubernetes.Legacy.Models;

namespace ZeroDowntime.Kubernetes.Tests.Models;

public class IntOrStringTests
{
    [Theory]
    [InlineData("25%", 10, true, 3)]
    [InlineData("25%", 10, false, 2)]
    [InlineData("50%", 3, true, 2)]
    [InlineData("50%", 3, false, 1)]
    [InlineData("100%", 7, false, 7)]
    [InlineData("0%", 7, true, 0)]
    public void Percentages_resolve_against_the_total_with_the_requested_rounding(string value, int total, bool roundUp, int expected)
    {
        IntOrString v = value;

        v.Resolve(total, roundUp).Should().Be(expected);
    }

    [Fact]
    public void Integers_resolve_to_themselves()
    {
        IntOrString.FromInt(4).Resolve(100, roundUp: true).Should().Be(4);
    }

    [Fact]
    public void A_port_name_cannot_be_resolved_as_a_percentage()
    {
        var act = () => IntOrString.FromString("http").Resolve(10, roundUp: true);

        act.Should().Throw<FormatException>().WithMessage("'http' is not an integer or a percentage such as '25%'.");
    }

    [Fact]
    public void Json_keeps_numbers_as_numbers_and_strings_as_strings()
    {
        var strategy = KubeJson.Deserialize<RollingUpdateDeployment>("""{"maxSurge":1,"maxUnavailable":"25%"}""");

        strategy.MaxSurge!.IsInt.Should().BeTrue();
        strategy.MaxUnavailable!.IsPercent.Should().BeTrue();
        KubeJson.Serialize(strategy).Should().Be("""{"maxSurge":1,"maxUnavailable":"25%"}""");
    }
}
