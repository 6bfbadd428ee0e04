using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace ZeroDowntime.Fixtures.Xunit;

/// <summary>
/// Orders the tests of a class by <see cref="StepAttribute.Number"/>; other tests follow by method name.
/// The scenario framework applies it by default; to apply it elsewhere use
/// <c>[TestCaseOrderer(StepOrderer.TypeName, StepOrderer.AssemblyName)]</c>.
/// </summary>
public sealed class StepOrderer : ITestCaseOrderer
{
    /// <summary>Full type name, for <see cref="TestCaseOrdererAttribute"/>.</summary>
    public const string TypeName = ExtensionAssembly.Namespace + "." + nameof(StepOrderer);

    /// <summary>Assembly name, for <see cref="TestCaseOrdererAttribute"/>.</summary>
    public const string AssemblyName = ExtensionAssembly.Name;

    /// <inheritdoc/>
    public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases)
        where TTestCase : ITestCase
        => testCases
            .OrderBy(tc => tc is StepTestCase step ? step.StepNumber : int.MaxValue)
            .ThenBy(tc => tc.TestMethod.Method.Name, StringComparer.Ordinal)
            .ThenBy(tc => tc.DisplayName, StringComparer.Ordinal)
            .ToList();
}
