using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace ZeroDowntime.Fixtures.Xunit;

/// <summary>
/// xUnit's assembly runner plus: <see cref="StepOrderer"/> as the default test case orderer, test classes
/// of a collection in <see cref="ScenarioAttribute.Order"/> (xUnit itself runs them in discovery order),
/// collections ordered the same way, and one <see cref="ScenarioRun"/> that steps share for skip-after-failure.
/// </summary>
public sealed class ScenarioTestAssemblyRunner : XunitTestAssemblyRunner
{
    /// <summary>Creates the runner.</summary>
    /// <param name="testAssembly">The assembly under test.</param>
    /// <param name="testCases">The test cases to run.</param>
    /// <param name="diagnosticMessageSink">Where xUnit wants diagnostics.</param>
    /// <param name="executionMessageSink">Where results go.</param>
    /// <param name="executionOptions">The runner's options.</param>
    public ScenarioTestAssemblyRunner(
        ITestAssembly testAssembly,
        IEnumerable<IXunitTestCase> testCases,
        IMessageSink diagnosticMessageSink,
        IMessageSink executionMessageSink,
        ITestFrameworkExecutionOptions executionOptions)
        : base(testAssembly, testCases, diagnosticMessageSink, executionMessageSink, executionOptions)
    {
    }

    /// <inheritdoc/>
    protected override async Task AfterTestAssemblyStartingAsync()
    {
        await base.AfterTestAssemblyStartingAsync();

        // Explicit assembly-level orderers win; a mistyped one leaves xUnit's default, which we replace.
        if (TestCaseOrderer is DefaultTestCaseOrderer)
        {
            TestCaseOrderer = new StepOrderer();
        }

        if (TestCollectionOrderer is DefaultTestCollectionOrderer)
        {
            TestCollectionOrderer = new ScenarioCollectionOrderer(ScenarioClassOrder.CollectionOrders(TestCases));
        }
    }

    /// <inheritdoc/>
    protected override async Task<RunSummary> RunTestCollectionsAsync(IMessageBus messageBus, CancellationTokenSource cancellationTokenSource)
    {
        // Set inside this async method, the run flows to every test case below and vanishes afterwards.
        // Its progress channel reaches the person at the terminal through xUnit's diagnostic messages.
        ScenarioRun.Current = new ScenarioRun(new ProgressChannel(DiagnosticMessageSink));
        return await base.RunTestCollectionsAsync(messageBus, cancellationTokenSource);
    }

    /// <inheritdoc/>
    protected override Task<RunSummary> RunTestCollectionAsync(
        IMessageBus messageBus, ITestCollection testCollection, IEnumerable<IXunitTestCase> testCases, CancellationTokenSource cancellationTokenSource)
        => base.RunTestCollectionAsync(messageBus, testCollection, ScenarioClassOrder.Sort(testCases), cancellationTokenSource);
}
