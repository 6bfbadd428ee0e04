using Xunit.Abstractions;
using Xunit.Sdk;

namespace ZeroDowntime.Fixtures.Xunit.Demo;

/// <summary>A real orderer that runs steps backwards: the step test cases must refuse to run out of order.</summary>
public sealed class ReverseOrderer : ITestCaseOrderer
{
    /// <summary>Full type name, for the attribute.</summary>
    public const string TypeName = "ZeroDowntime.Fixtures.Xunit.Demo." + nameof(ReverseOrderer);

    /// <inheritdoc/>
    public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases)
        where TTestCase : ITestCase
        => new StepOrderer().OrderTestCases(testCases).Reverse();
}
