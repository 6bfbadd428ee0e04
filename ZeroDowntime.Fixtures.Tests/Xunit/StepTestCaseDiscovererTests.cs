using System.Reflection;
using FluentAssertions;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;
using ZeroDowntime.Fixtures.Xunit;

namespace ZeroDowntime.Fixtures.Tests.Xunit;

public sealed class StepTestCaseDiscovererTests
{
    [Fact]
    public void A_step_numbered_below_one_is_a_red_row_at_discovery()
    {
        var testCases = Discover(nameof(UnnamedScenario.Zeroth));

        testCases.Should().ContainSingle().Which.Should().BeOfType<ExecutionErrorTestCase>()
            .Which.ErrorMessage.Should().Be($"[Step] numbers start at 1, but {typeof(UnnamedScenario).FullName}.Zeroth is step 0.");
    }

    [Fact]
    public void A_class_without_a_scenario_attribute_uses_its_own_name_and_the_method_name()
    {
        var step = Discover(nameof(UnnamedScenario.Check_the_pods)).Should().ContainSingle().Which.Should().BeOfType<StepTestCase>().Subject;

        step.DisplayName.Should().Be("UnnamedScenario \u203A 07 Check the pods");
        step.StepNumber.Should().Be(7);
        step.Traits.Should().NotContainKey(ScenarioAttribute.TraitName);
    }

    private static IReadOnlyList<IXunitTestCase> Discover(string methodName)
    {
        var method = typeof(UnnamedScenario).GetMethod(methodName, BindingFlags.Public | BindingFlags.Instance)!;
        var assembly = new TestAssembly(Reflector.Wrap(typeof(UnnamedScenario).Assembly));
        var testClass = new TestClass(new TestCollection(assembly, null, "unit"), Reflector.Wrap(typeof(UnnamedScenario)));
        var testMethod = new TestMethod(testClass, Reflector.Wrap(method));
        var attribute = new ReflectionAttributeInfo(method.GetCustomAttributesData().Single(a => a.AttributeType == typeof(StepAttribute)));
        return new StepTestCaseDiscoverer(new NullMessageSink())
            .Discover(new XunitHarness.FrameworkOptions(), testMethod, attribute)
            .ToList();
    }

    // Private on purpose, so the real test run never discovers these steps.
#pragma warning disable xUnit1000
    private sealed class UnnamedScenario
#pragma warning restore xUnit1000
    {
        [Step(0)]
        public void Zeroth()
        {
        }

        [Step(7)]
        public void Check_the_pods()
        {
        }
    }
}
