using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace ZeroDowntime.Fixtures.Xunit;

/// <summary>Runs test cases through <see cref="ScenarioTestAssemblyRunner"/> with parallelization forced off.</summary>
public sealed class ScenarioTestFrameworkExecutor : XunitTestFrameworkExecutor
{
    /// <summary>xUnit's option key; execution options win over <c>[CollectionBehavior]</c>.</summary>
    internal const string DisableParallelizationOption = "xunit.execution.DisableParallelization";

    /// <summary>Created by <see cref="ScenarioTestFramework"/>.</summary>
    /// <param name="assemblyName">The test assembly.</param>
    /// <param name="sourceInformationProvider">Source information for results.</param>
    /// <param name="diagnosticMessageSink">Where xUnit wants diagnostics.</param>
    public ScenarioTestFrameworkExecutor(
        AssemblyName assemblyName, ISourceInformationProvider sourceInformationProvider, IMessageSink diagnosticMessageSink)
        : base(assemblyName, sourceInformationProvider, diagnosticMessageSink)
    {
    }

    /// <inheritdoc/>
    protected override async void RunTestCases(
        IEnumerable<IXunitTestCase> testCases, IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
    {
        // Scenarios disrupt a shared cluster: two at once would measure each other.
        executionOptions.SetValue(DisableParallelizationOption, true);
        testCases = testCases.ToList();
        ScenarioSelection.Set(testCases);
        using var assemblyRunner = new ScenarioTestAssemblyRunner(
            TestAssembly, testCases, DiagnosticMessageSink, executionMessageSink, executionOptions);
        await assemblyRunner.RunAsync();
    }
}
