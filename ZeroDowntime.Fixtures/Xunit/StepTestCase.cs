using System.ComponentModel;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace ZeroDowntime.Fixtures.Xunit;

/// <summary>
/// The xUnit test case behind <see cref="StepAttribute"/>. It reads its number and name from the
/// attribute (so it needs no extra serialization), refuses to run out of order, and reports itself
/// skipped once an earlier step of the same class failed in this run, or skipped itself by throwing
/// <see cref="ScenarioSkipException"/>.
/// </summary>
public sealed class StepTestCase : XunitTestCase
{
    private int _stepNumber;
    private string _stepName = string.Empty;
    private string _scenarioName = string.Empty;

    /// <summary>Called by the de-serializer only.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public StepTestCase()
    {
    }

    /// <summary>Creates the test case for one <see cref="StepAttribute"/> method.</summary>
    /// <param name="diagnosticMessageSink">Where xUnit wants diagnostics.</param>
    /// <param name="defaultMethodDisplay">Method display from the discovery options.</param>
    /// <param name="defaultMethodDisplayOptions">Method display options from the discovery options.</param>
    /// <param name="testMethod">The step method.</param>
    public StepTestCase(
        IMessageSink diagnosticMessageSink,
        TestMethodDisplay defaultMethodDisplay,
        TestMethodDisplayOptions defaultMethodDisplayOptions,
        ITestMethod testMethod)
        : base(diagnosticMessageSink, defaultMethodDisplay, defaultMethodDisplayOptions, testMethod)
    {
    }

    /// <summary>The step number from <see cref="StepAttribute.Number"/>.</summary>
    public int StepNumber
    {
        get
        {
            EnsureInitialized();
            return _stepNumber;
        }
    }

    /// <summary>The step name: <see cref="StepAttribute.Name"/>, else the humanized method name.</summary>
    public string StepName
    {
        get
        {
            EnsureInitialized();
            return _stepName;
        }
    }

    /// <summary>The scenario name from the class's <see cref="ScenarioAttribute"/> (else the class name).</summary>
    public string ScenarioName
    {
        get
        {
            EnsureInitialized();
            return _scenarioName;
        }
    }

    /// <inheritdoc/>
    public override async Task<RunSummary> RunAsync(
        IMessageSink diagnosticMessageSink,
        IMessageBus messageBus,
        object[] constructorArguments,
        ExceptionAggregator aggregator,
        CancellationTokenSource cancellationTokenSource)
    {
        var run = ScenarioRun.Current;
        var progress = run?.ProgressOf(TestMethod.TestClass.Class.Name);
        var violation = progress is null ? FrameworkMissingMessage() : progress.OrderViolation(this);

        var skipReason = SkipReason;
        if (violation is not null)
        {
            // A pre-filled aggregator makes xUnit report the step failed without invoking it.
            aggregator.Add(new StepOrderException(violation));
            skipReason = null;
        }
        else
        {
            skipReason ??= progress!.SkipReasonAfterFailure;
        }

        StepInfo.Current = new StepInfo(ScenarioName, StepNumber, StepName);
        var bus = new SkippingMessageBus(messageBus);
        var summary = await new XunitTestCaseRunner(
            this, DisplayName, skipReason, constructorArguments, TestMethodArguments, bus, aggregator, cancellationTokenSource)
            .RunAsync();
        if (bus.SkipReason is { } reason)
        {
            // The step skipped itself (ScenarioSkipException): not a failure, and the later steps skip for the same reason.
            summary.Failed--;
            summary.Skipped++;
            progress?.RecordSkip(reason);
        }

        progress?.Record(this, summary);
        return summary;
    }

    /// <inheritdoc/>
    protected override string GetDisplayName(IAttributeInfo factAttribute, string displayName)
    {
        var method = TestMethod.Method.Name;
        _stepNumber = factAttribute.GetNamedArgument<int>(nameof(StepAttribute.Number));
        _stepName = factAttribute.GetNamedArgument<string?>(nameof(StepAttribute.Name))
            ?? factAttribute.GetNamedArgument<string?>(nameof(FactAttribute.DisplayName))
            ?? StepNames.Humanize(method);
        _scenarioName = StepNames.ScenarioOf(TestMethod.TestClass.Class);
        return StepNames.DisplayName(_scenarioName, _stepNumber, _stepName, method);
    }

    private string FrameworkMissingMessage()
        => $"Step {StepNumber} '{StepName}' of scenario {ScenarioName} did not run: [Step] tests need the scenario framework. " +
           $"Add [assembly: {ExtensionAssembly.Namespace}.{nameof(ScenarioFrameworkAttribute).Replace("Attribute", string.Empty, StringComparison.Ordinal)}] " +
           "to the test assembly; without it xUnit runs steps in an arbitrary order and keeps going after a failed step.";
}
