using FluentAssertions;
using Xunit;
using ZeroDowntime.Fixtures.Xunit;

namespace ZeroDowntime.Fixtures.Tests.Xunit;

public sealed class StepNamesTests
{
    [Theory]
    [InlineData("Cordon_the_node", "Cordon the node")]
    [InlineData("CordonTheNode", "Cordon the node")]
    [InlineData("Drain", "Drain")]
    [InlineData("Wait_for_HPA", "Wait for HPA")]
    public void Method_names_read_as_step_names(string method, string expected)
        => StepNames.Humanize(method).Should().Be(expected);

    [Fact]
    public void Display_name_shows_scenario_number_and_step_name_without_a_bracket()
        => StepNames.DisplayName("NodeDrain", 4, "Cordon the node").Should().Be("NodeDrain \u203A 04 Cordon the node");

    [Fact]
    public void Skip_reason_names_the_failed_step_word_for_word()
        => StepNames.SkipReason(2, "Evict the worker").Should().Be("skipped: step 2 'Evict the worker' failed");
}
