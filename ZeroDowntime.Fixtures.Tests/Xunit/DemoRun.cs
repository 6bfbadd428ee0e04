using System.Reflection;
using Xunit;
using Xunit.Sdk;
using ZeroDowntime.Fixtures.Xunit;
using ZeroDowntime.Fixtures.Xunit.Demo;

namespace ZeroDowntime.Fixtures.Tests.Xunit;

/// <summary>One in-process discovery and run of the demo assembly under <see cref="ScenarioTestFramework"/>.</summary>
public sealed class DemoRun : IAsyncLifetime
{
    /// <summary>The demo scenario assembly.</summary>
    public static Assembly Assembly => typeof(DemoScenario).Assembly;

    /// <summary>Every discovered test case.</summary>
    public IReadOnlyList<IXunitTestCase> TestCases { get; private set; } = [];

    /// <summary>Results in the order they were reported.</summary>
    internal IReadOnlyList<RecordedResult> Results { get; private set; } = [];

    /// <summary>The step bodies that really ran, in order.</summary>
    public IReadOnlyList<string> Journal { get; private set; } = [];

    /// <inheritdoc/>
    public async Task InitializeAsync()
    {
        TestCases = await XunitHarness.DiscoverAsync(Assembly);
        DemoJournal.Clear();
        using var framework = new ScenarioTestFramework(new NullMessageSink());
        Results = await XunitHarness.RunAsync(framework, Assembly, TestCases);
        Journal = DemoJournal.Entries;
    }

    /// <inheritdoc/>
    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>The results of one scenario class, in run order.</summary>
    internal IReadOnlyList<RecordedResult> ResultsOf<TScenario>()
        => Results.Where(r => r.ClassName == typeof(TScenario).FullName).ToList();
}
