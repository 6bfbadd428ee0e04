using Xunit.Abstractions;
using Xunit.Sdk;

namespace ZeroDowntime.Fixtures.Xunit;

/// <summary>Discovers <see cref="StepAttribute"/> methods as <see cref="StepTestCase"/>s. Touches no cluster.</summary>
public sealed class StepTestCaseDiscoverer : FactDiscoverer
{
    /// <summary>Full type name, for <see cref="XunitTestCaseDiscovererAttribute"/>.</summary>
    public const string TypeName = ExtensionAssembly.Namespace + "." + nameof(StepTestCaseDiscoverer);

    /// <summary>Assembly name, for <see cref="XunitTestCaseDiscovererAttribute"/>.</summary>
    public const string AssemblyName = ExtensionAssembly.Name;

    /// <summary>Created by xUnit through <see cref="XunitTestCaseDiscovererAttribute"/>.</summary>
    /// <param name="diagnosticMessageSink">Where xUnit wants diagnostics.</param>
    public StepTestCaseDiscoverer(IMessageSink diagnosticMessageSink)
        : base(diagnosticMessageSink)
    {
    }

    /// <inheritdoc/>
    public override IEnumerable<IXunitTestCase> Discover(
        ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var number = factAttribute.GetNamedArgument<int>(nameof(StepAttribute.Number));
        if (number < 1)
        {
            // A bad number is a visible red row at discovery, not a silently misplaced step.
            return
            [
                new ExecutionErrorTestCase(
                    DiagnosticMessageSink,
                    discoveryOptions.MethodDisplayOrDefault(),
                    discoveryOptions.MethodDisplayOptionsOrDefault(),
                    testMethod,
                    $"[Step] numbers start at 1, but {testMethod.TestClass.Class.Name}.{testMethod.Method.Name} is step {number}."),
            ];
        }

        return base.Discover(discoveryOptions, testMethod, factAttribute);
    }

    /// <inheritdoc/>
    protected override IXunitTestCase CreateTestCase(
        ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
        => new StepTestCase(
            DiagnosticMessageSink,
            discoveryOptions.MethodDisplayOrDefault(),
            discoveryOptions.MethodDisplayOptionsOrDefault(),
            testMethod);
}
