using FluentAssertions;
using Xunit;
using Xunit.Sdk;
using ZeroDowntime.Fixtures.Xunit;
using ZeroDowntime.Fixtures.Xunit.Demo;

namespace ZeroDowntime.Fixtures.Tests.Xunit;

/// <summary>
/// Runs the demo scenarios in-process through xUnit's real v2 pipeline and checks order, skips and
/// failures. One class, so the demo's static journal is never shared by two runs at once.
/// </summary>
public sealed class ScenarioFrameworkTests(DemoRun run) : IClassFixture<DemoRun>
{
    [Fact]
    public async Task The_selection_names_the_filtered_scenarios_in_run_order_for_the_progress_counter()
    {
        var filtered = run.TestCases.Where(tc => tc.Traits["Scenario"].Single() is "SharedState" or "PreValidation").ToList();
        using var framework = new ScenarioTestFramework(new NullMessageSink());

        await XunitHarness.RunAsync(framework, DemoRun.Assembly, filtered);

        ScenarioSelection.Names.Should().Equal("PreValidation", "SharedState");
    }

    [Fact]
    public void Scenarios_run_in_order_with_pre_validation_first_and_post_validation_last()
    {
        var classOrder = run.Results.Select(r => r.ClassName[(r.ClassName.LastIndexOf('.') + 1)..]).Distinct().ToList();

        classOrder.Should().Equal(
            nameof(PreValidationDemo),
            nameof(SharedStateDemo),
            nameof(DemoScenario),
            nameof(FixtureFailureDemo),
            nameof(MistypedOrdererDemo),
            nameof(ForeignOrdererDemo),
            nameof(SelfSkipDemo),
            nameof(PostValidationDemo));

        // Post-validation passes only if it got the very fixture instance pre-validation marked.
        run.ResultsOf<PostValidationDemo>().Should().ContainSingle().Which.Outcome.Should().Be("Passed");
    }

    [Fact]
    public void Steps_run_in_step_order_whatever_order_they_are_declared_in()
    {
        run.ResultsOf<SharedStateDemo>().Select(r => r.ToString()).Should().Equal(
            "SharedState \u203A 01 Start counting (First): Passed",
            "SharedState \u203A 02 Count again (Second): Passed",
            "SharedState \u203A 03 Third sees both earlier steps: Passed");
        run.Journal.Where(e => e.StartsWith("SharedState", StringComparison.Ordinal))
            .Should().Equal("SharedState 01", "SharedState 02", "SharedState 03");
    }

    [Fact]
    public void Steps_after_a_failed_step_are_skipped_naming_the_failed_step()
    {
        run.ResultsOf<DemoScenario>().Select(r => r.ToString()).Should().Equal(
            "Demo \u203A 01 Cordon the node (Cordon): Passed",
            $"Demo \u203A 02 Drain the node (Drain): Failed (System.InvalidOperationException : {DemoScenario.FailureMessage})",
            "Demo \u203A 03 Wait for the replacement (WaitForReplacement): Skipped (skipped: step 2 'Drain the node' failed)",
            "Demo \u203A 04 Uncordon the node (Uncordon): Skipped (skipped: step 2 'Drain the node' failed)");

        // Skipped means not run: the bodies of steps 3 and 4 never executed.
        run.Journal.Where(e => e.StartsWith("Demo ", StringComparison.Ordinal)).Should().Equal("Demo 01", "Demo 02");
    }

    [Fact]
    public void A_step_that_skips_its_scenario_is_skipped_with_its_reason_and_so_are_the_later_steps()
    {
        run.ResultsOf<SelfSkipDemo>().Select(r => r.ToString()).Should().Equal(
            "SelfSkip \u203A 01 Look at the target (Look): Passed",
            $"SelfSkip \u203A 02 Find the primary: Skipped ({SelfSkipDemo.Reason})",
            $"SelfSkip \u203A 03 Kill the primary: Skipped ({SelfSkipDemo.Reason})");
        run.Journal.Where(e => e.StartsWith("SelfSkip", StringComparison.Ordinal)).Should().Equal("SelfSkip 01", "SelfSkip 02");
    }

    [Fact]
    public void A_failed_class_fixture_fails_the_first_step_with_its_error_and_skips_the_rest()
    {
        var results = run.ResultsOf<FixtureFailureDemo>();

        results.Should().HaveCount(2);
        results[0].Outcome.Should().Be("Failed");
        results[0].Message.Should().Contain($"{nameof(BrokenFixture)}' threw in its constructor").And.Contain(BrokenFixture.Message);
        results[1].ToString().Should().Be("FixtureFailure \u203A 02 Disrupt: Skipped (skipped: step 1 'Connect' failed)");
        run.Journal.Should().NotContain(e => e.StartsWith("FixtureFailure", StringComparison.Ordinal));
    }

    [Fact]
    public void A_mistyped_orderer_name_cannot_make_steps_fall_back_to_default_order()
    {
        run.ResultsOf<MistypedOrdererDemo>().Select(r => r.ToString()).Should().Equal(
            "MistypedOrderer \u203A 01 First: Passed",
            "MistypedOrderer \u203A 02 Second: Passed",
            "MistypedOrderer \u203A 03 Third: Passed");
    }

    [Fact]
    public void An_orderer_that_reorders_steps_fails_them_instead_of_running_them_out_of_order()
    {
        var results = run.ResultsOf<ForeignOrdererDemo>();

        results.Select(r => $"{r.DisplayName}: {r.Outcome}").Should().Equal(
            "ForeignOrderer \u203A 03 Third: Passed",
            "ForeignOrderer \u203A 02 Second: Failed",
            "ForeignOrderer \u203A 01 First: Failed");
        results[1].Message.Should().Be(
            "ZeroDowntime.Fixtures.Xunit.StepOrderException : Step 2 'Second' of scenario ForeignOrderer was about to run after " +
            "step 3 'Third': steps must run in ascending order. A [TestCaseOrderer] on the class or its collection replaced the step orderer; remove it.");
        run.Journal.Where(e => e.StartsWith("ForeignOrderer", StringComparison.Ordinal)).Should().Equal("ForeignOrderer 03");
    }

    [Fact]
    public async Task Without_the_scenario_framework_every_step_fails_and_says_how_to_fix_it()
    {
        using var plainFramework = new XunitTestFramework(new NullMessageSink());
        var demoSteps = run.TestCases.Where(tc => tc.TestMethod.TestClass.Class.Name == typeof(DemoScenario).FullName).ToList();

        var results = await XunitHarness.RunAsync(plainFramework, DemoRun.Assembly, demoSteps);

        results.Should().HaveCount(4).And.OnlyContain(r => r.Outcome == "Failed");
        results.Single(r => r.DisplayName.Contains(" 01 ", StringComparison.Ordinal)).Message.Should().Be(
            "ZeroDowntime.Fixtures.Xunit.StepOrderException : Step 1 'Cordon the node' of scenario Demo did not run: " +
            "[Step] tests need the scenario framework. Add [assembly: ZeroDowntime.Fixtures.Xunit.ScenarioFramework] to the test assembly; " +
            "without it xUnit runs steps in an arbitrary order and keeps going after a failed step.");
    }

    [Fact]
    public async Task Discovery_lists_every_step_with_its_scenario_trait_without_running_anything()
    {
        var journalBefore = DemoJournal.Entries.Count;

        // BrokenFixture throws when constructed: discovery succeeding proves no fixture was touched.
        var testCases = await XunitHarness.DiscoverAsync(DemoRun.Assembly);

        DemoJournal.Entries.Should().HaveCount(journalBefore);
        testCases.Should().HaveCount(20).And.AllBeOfType<StepTestCase>();
        testCases.Select(tc => tc.DisplayName).Should().Contain("Demo \u203A 03 Wait for the replacement (WaitForReplacement)");
        testCases.Where(tc => tc.TestMethod.TestClass.Class.Name == typeof(DemoScenario).FullName)
            .Should().HaveCount(4)
            .And.OnlyContain(tc => tc.Traits[ScenarioAttribute.TraitName].SequenceEqual(new[] { "Demo" }));
    }
}
