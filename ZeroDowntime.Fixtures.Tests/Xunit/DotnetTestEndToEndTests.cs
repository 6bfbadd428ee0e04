using System.Globalization;
using System.Xml.Linq;
using FluentAssertions;
using Xunit;
using ZeroDowntime.Fixtures.Xunit.Demo;

namespace ZeroDowntime.Fixtures.Tests.Xunit;

/// <summary>What a user of <c>dotnet test</c> sees: the IDE/TRX/JUnit view of the demo scenarios.</summary>
public sealed class DotnetTestEndToEndTests(DotnetTestDemoRuns runs) : IClassFixture<DotnetTestDemoRuns>
{
    private static readonly XNamespace Trx = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

    [Fact]
    public void Trx_reports_the_failed_step_and_the_skipped_steps_with_their_reason()
    {
        runs.Full.ExitCode.Should().Be(1, runs.Full.Output);
        var demo = TrxResults(runs.FullTrx).Where(r => r.Name.StartsWith("Demo \u203A", StringComparison.Ordinal)).ToList();

        demo.Select(r => $"{r.Name}: {r.Outcome}: {r.Message}").Should().Equal(
            "Demo \u203A 01 Cordon the node (Cordon): Passed: ",
            $"Demo \u203A 02 Drain the node (Drain): Failed: System.InvalidOperationException : {DemoScenario.FailureMessage}",
            "Demo \u203A 03 Wait for the replacement (WaitForReplacement): NotExecuted: skipped: step 2 'Drain the node' failed",
            "Demo \u203A 04 Uncordon the node (Uncordon): NotExecuted: skipped: step 2 'Drain the node' failed");
    }

    [Fact]
    public void The_whole_suite_runs_pre_validation_first_post_validation_last_and_steps_in_order()
    {
        runs.Journal.Should().Equal(
            "PreValidation 01",
            "SharedState 01", "SharedState 02", "SharedState 03",
            "Demo 01", "Demo 02",
            "MistypedOrderer 01", "MistypedOrderer 02", "MistypedOrderer 03",
            "ForeignOrderer 03",
            "SelfSkip 01", "SelfSkip 02",
            "PostValidation 01");
    }

    [Fact]
    public void Junit_file_validates_against_the_jenkins_schema_with_the_right_counts()
    {
        var junit = runs.FullJUnit;

        JUnitSchema.Violations(junit).Should().BeEmpty();
        junit.Root!.Attributes().Select(a => $"{a.Name}={a.Value}").Should().Contain(["tests=20", "failures=4"]);
        junit.Root.Elements("testsuite")
            .Select(s => $"{s.Attribute("name")!.Value[(s.Attribute("name")!.Value.LastIndexOf('.') + 1)..]} " +
                         $"{s.Attribute("tests")!.Value}/{s.Attribute("failures")!.Value}/{s.Attribute("skipped")!.Value}")
            .Should().Equal(
                "PreValidationDemo 1/0/0",
                "SharedStateDemo 3/0/0",
                "DemoScenario 4/1/2",
                "FixtureFailureDemo 2/1/1",
                "MistypedOrdererDemo 3/0/0",
                "ForeignOrdererDemo 3/2/0",
                "SelfSkipDemo 3/0/2",
                "PostValidationDemo 1/0/0");
        junit.Descendants("testcase").Single(c => c.Attribute("name")!.Value.StartsWith("Demo \u203A 01", StringComparison.Ordinal))
            .Element("system-out")!.Value.Should().Contain("[Demo 01] Cordoning node worker-1");
    }

    [Fact]
    public void Filtering_on_the_scenario_trait_runs_exactly_that_scenario()
    {
        var trxNames = TrxResults(runs.FilteredTrx).Select(r => r.Name).ToList();

        trxNames.Should().HaveCount(4).And.OnlyContain(n => n.StartsWith("Demo \u203A", StringComparison.Ordinal));
        var junit = runs.FilteredJUnit;
        JUnitSchema.Violations(junit).Should().BeEmpty();
        junit.Root!.Elements("testsuite").Should().ContainSingle()
            .Which.Attributes().Select(a => $"{a.Name}={a.Value}")
            .Should().Contain([$"name={typeof(DemoScenario).FullName}", "tests=4", "failures=1", "skipped=2"]);
    }

    [Fact]
    public void Listing_tests_shows_every_step_by_its_display_name_without_running_them()
    {
        runs.Listed.ExitCode.Should().Be(0, runs.Listed.Output);
        var listed = runs.Listed.Output.Split('\n').Select(l => l.Trim()).Where(l => l.Contains('\u203A')).ToList();

        listed.Should().HaveCount(20).And.Contain("Demo \u203A 03 Wait for the replacement (WaitForReplacement)");
        runs.Listed.Output.Should().NotContain(BrokenFixture.Message);
    }

    // TRX lists results in no particular order; their start times (100 ns ticks) give the run order.
    private static IEnumerable<(string Name, string Outcome, string Message)> TrxResults(XDocument trx)
        => trx.Descendants(Trx + "UnitTestResult").OrderBy(r => DateTimeOffset.Parse(r.Attribute("startTime")!.Value, CultureInfo.InvariantCulture)).Select(r => (
            r.Attribute("testName")!.Value,
            r.Attribute("outcome")!.Value,
            r.Descendants(Trx + "Message").FirstOrDefault()?.Value.Trim() ?? string.Empty));
}
