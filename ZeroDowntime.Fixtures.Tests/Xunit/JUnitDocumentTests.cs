using System.Xml.Linq;
using FluentAssertions;
using Microsoft.VisualStudio.TestPlatform.ObjectModel;
using Xunit;
using ZeroDowntime.JUnit.TestLogger;

namespace ZeroDowntime.Fixtures.Tests.Xunit;

public sealed class JUnitDocumentTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 4, 5, 6, 7, TimeSpan.Zero);

    [Fact]
    public void Results_become_one_valid_suite_per_class_with_counts_failures_skips_and_output()
    {
        TestResult[] results =
        [
            Result("Ns.NodeDrain.Cordon", "NodeDrain \u203A 01 Cordon", TestOutcome.Passed, output: "cordoned worker-1\n"),
            Result("Ns.NodeDrain.Evict", "NodeDrain \u203A 02 Evict", TestOutcome.Failed, error: "System.TimeoutException : no DELETED event within 60 s", stack: "at Ns.NodeDrain.Evict()"),
            Result("Ns.NodeDrain.Uncordon", "NodeDrain \u203A 03 Uncordon", TestOutcome.Skipped, error: "skipped: step 2 'Evict' failed"),
            Result("Ns.Pre.Check", "PreValidation \u203A 01 Check", TestOutcome.Passed),
        ];

        var document = JUnitDocument.Build("Suite", results, "ci-host", Start);

        JUnitSchema.Violations(document).Should().BeEmpty();
        var root = document.Root!;
        root.Attribute("tests")!.Value.Should().Be("4");
        root.Attribute("failures")!.Value.Should().Be("1");
        var suites = root.Elements("testsuite").ToList();
        suites.Select(s => s.Attribute("name")!.Value).Should().Equal("Ns.NodeDrain", "Ns.Pre");
        var drain = suites[0];
        drain.Attributes().Select(a => $"{a.Name}={a.Value}").Should().Contain(
            ["tests=3", "failures=1", "errors=0", "skipped=1", "timestamp=2025-03-04T05:06:07", "hostname=ci-host", "package=Ns"]);
        var cases = drain.Elements("testcase").ToList();
        cases.Select(c => c.Attribute("name")!.Value).Should().Equal("NodeDrain \u203A 01 Cordon", "NodeDrain \u203A 02 Evict", "NodeDrain \u203A 03 Uncordon");
        cases[0].Element("system-out")!.Value.Should().Be("cordoned worker-1\n");
        var failure = cases[1].Element("failure")!;
        failure.Attribute("type")!.Value.Should().Be("System.TimeoutException");
        failure.Attribute("message")!.Value.Should().Be("System.TimeoutException : no DELETED event within 60 s");
        failure.Value.Should().Be("System.TimeoutException : no DELETED event within 60 s" + Environment.NewLine + "at Ns.NodeDrain.Evict()");
        cases[2].Element("skipped")!.Attribute("message")!.Value.Should().Be("skipped: step 2 'Evict' failed");
    }

    [Fact]
    public void Control_characters_a_test_printed_do_not_break_the_xml()
    {
        var results = new[] { Result("Ns.C.M", "M", TestOutcome.Passed, output: "bell\u0007 and nul\u0000 and \U0001F600") };

        var document = JUnitDocument.Build("Suite", results, "host", Start);
        var reparsed = XDocument.Parse(document.ToString());

        reparsed.Descendants("system-out").Single().Value.Should().Be("bell\\u0007 and nul\\u0000 and \U0001F600");
        JUnitSchema.Violations(reparsed).Should().BeEmpty();
    }

    [Fact]
    public void An_assertion_failure_without_an_exception_prefix_gets_a_generic_type()
    {
        var results = new[] { Result("Ns.C.M", "M", TestOutcome.Failed, error: "Expected success rate above 95%, but it was 91.2%") };

        var failure = JUnitDocument.Build("Suite", results, "host", Start).Descendants("failure").Single();

        failure.Attribute("type")!.Value.Should().Be("TestFailure");
    }

    [Fact]
    public void A_run_without_results_is_still_a_valid_document()
    {
        var document = JUnitDocument.Build("Empty", [], "host", Start);

        JUnitSchema.Violations(document).Should().BeEmpty();
        document.Root!.Attribute("tests")!.Value.Should().Be("0");
    }

    private static TestResult Result(string fqn, string display, TestOutcome outcome, string? error = null, string? stack = null, string? output = null)
    {
        var testCase = new TestCase(fqn, new Uri("executor://xunit/VsTestRunner3/netcore/"), "/work/bin/Demo.dll") { DisplayName = display };
        var result = new TestResult(testCase)
        {
            Outcome = outcome,
            DisplayName = display,
            Duration = TimeSpan.FromMilliseconds(1234),
            StartTime = Start,
            ErrorMessage = error,
            ErrorStackTrace = stack,
        };
        if (output is not null)
        {
            result.Messages.Add(new TestResultMessage(TestResultMessage.StandardOutCategory, output));
        }

        return result;
    }
}
