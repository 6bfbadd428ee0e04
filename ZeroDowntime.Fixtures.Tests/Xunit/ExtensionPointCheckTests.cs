using FluentAssertions;
using Xunit;
using Xunit.Sdk;
using ZeroDowntime.Fixtures.Xunit;
using ZeroDowntime.Fixtures.Xunit.Demo;

namespace ZeroDowntime.Fixtures.Tests.Xunit;

public sealed class ExtensionPointCheckTests
{
    [Fact]
    public void Every_type_name_our_attributes_give_xunit_loads()
        => ExtensionPointCheck.FindUnresolvedTypeNames(typeof(StepAttribute).Assembly).Should().BeEmpty();

    [Fact]
    public void A_mistyped_orderer_name_is_reported_word_for_word()
        => ExtensionPointCheck.FindUnresolvedTypeNames(typeof(DemoScenario).Assembly).Should().Equal(
            $"{typeof(MistypedOrdererDemo).FullName}: [TestCaseOrderer] names 'ZeroDowntime.Fixtures.Xunit.StepOrdererTypo' " +
            "in 'ZeroDowntime.Fixtures', which does not load; xUnit would silently ignore it.");

    [Fact]
    public void Each_discoverer_name_loads_the_type_that_implements_the_extension_point()
    {
        Resolve(ScenarioTraitDiscoverer.TypeName, ScenarioTraitDiscoverer.AssemblyName).Should().Implement<ITraitDiscoverer>();
        Resolve(StepTestCaseDiscoverer.TypeName, StepTestCaseDiscoverer.AssemblyName).Should().Implement<IXunitTestCaseDiscoverer>();
        var frameworkDiscoverer = Resolve(ScenarioTestFrameworkTypeDiscoverer.TypeName, ScenarioTestFrameworkTypeDiscoverer.AssemblyName);
        frameworkDiscoverer.Should().Implement<ITestFrameworkTypeDiscoverer>();
        ((ITestFrameworkTypeDiscoverer)Activator.CreateInstance(frameworkDiscoverer)!)
            .GetTestFrameworkType(new ReflectionAttributeInfo(
                typeof(DemoScenario).Assembly.GetCustomAttributesData().Single(a => a.AttributeType == typeof(ScenarioFrameworkAttribute))))
            .Should().Be<ScenarioTestFramework>();
    }

    private static Type Resolve(string typeName, string assemblyName)
        => Type.GetType($"{typeName}, {assemblyName}") ?? throw new TypeLoadException($"{typeName}, {assemblyName} does not load");
}
