using System.Reflection;
using FluentAssertions;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;
using ZeroDowntime.Fixtures.Xunit;
using ZeroDowntime.Fixtures.Xunit.Demo;

namespace ZeroDowntime.Fixtures.Tests.Xunit;

public sealed class StepOrdererTests
{
    [Fact]
    public async Task Steps_are_ordered_by_number_and_plain_tests_follow()
    {
        var steps = (await XunitHarness.DiscoverAsync(DemoRun.Assembly))
            .Where(tc => tc.TestMethod.TestClass.Class.Name == typeof(DemoScenario).FullName)
            .ToList();
        var plainFact = PlainTestCase(nameof(Steps_are_ordered_by_number_and_plain_tests_follow));
        ITestCase[] shuffled = [steps[2], plainFact, steps[0], steps[3], steps[1]];

        var ordered = new StepOrderer().OrderTestCases(shuffled);

        ordered.Select(tc => tc is StepTestCase s ? s.StepNumber.ToString() : tc.TestMethod.Method.Name)
            .Should().Equal("1", "2", "3", "4", nameof(Steps_are_ordered_by_number_and_plain_tests_follow));
    }

    [Fact]
    public void The_orderer_names_in_its_constants_load_as_a_test_case_orderer()
    {
        var type = Type.GetType($"{StepOrderer.TypeName}, {StepOrderer.AssemblyName}");

        type.Should().Be(typeof(StepOrderer));
        type.Should().Implement<ITestCaseOrderer>();
    }

    private static XunitTestCase PlainTestCase(string methodName)
    {
        var assembly = new TestAssembly(Reflector.Wrap(typeof(StepOrdererTests).Assembly));
        var collection = new TestCollection(assembly, null, "plain");
        var testClass = new TestClass(collection, Reflector.Wrap(typeof(StepOrdererTests)));
        var method = new TestMethod(testClass, Reflector.Wrap(typeof(StepOrdererTests).GetMethod(methodName, BindingFlags.Public | BindingFlags.Instance)!));
        return new XunitTestCase(new NullMessageSink(), TestMethodDisplay.Method, TestMethodDisplayOptions.None, method);
    }
}
