using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace ZeroDowntime.Fixtures.Xunit;

/// <summary>
/// xUnit's v2 framework with scenario execution: discovery is unchanged (offline, no fixtures run),
/// execution goes through <see cref="ScenarioTestAssemblyRunner"/>. Select it with <c>[assembly: ScenarioFramework]</c>.
/// </summary>
public sealed class ScenarioTestFramework : XunitTestFramework
{
    /// <summary>Created by xUnit.</summary>
    /// <param name="messageSink">Where xUnit wants diagnostics.</param>
    public ScenarioTestFramework(IMessageSink messageSink)
        : base(messageSink)
    {
    }

    /// <inheritdoc/>
    protected override ITestFrameworkExecutor CreateExecutor(AssemblyName assemblyName)
        => new ScenarioTestFrameworkExecutor(assemblyName, SourceInformationProvider, DiagnosticMessageSink);
}
