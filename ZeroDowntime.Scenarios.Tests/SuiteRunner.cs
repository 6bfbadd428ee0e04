using System.Reflection;
using Xunit;
using Xunit.Abstractions;
using ZeroDowntime.Fixtures.Cluster;
using ZeroDowntime.Fixtures.Configuration;
using ZeroDowntime.Fixtures.Xunit;

namespace ZeroDowntime.Scenarios.Tests;

/// <summary>
/// Runs every scenario of ZeroDowntime.Tests, in the suite's order, on one <see cref="ClusterFixture"/>,
/// recording each step's time window: the whole suite as users run it, without a second test host.
/// </summary>
public static class SuiteRunner
{
    /// <summary>The scenario classes in run order (pre-validation first, post-validation last).</summary>
    public static IReadOnlyList<Type> Scenarios { get; } = typeof(ZeroDowntime.Tests.PreValidation).Assembly.GetTypes()
        .Select(t => (Type: t, Scenario: t.GetCustomAttribute<ScenarioAttribute>()))
        .Where(x => x.Scenario is not null)
        .OrderBy(x => x.Scenario!.Order).ThenBy(x => x.Type.Name, StringComparer.Ordinal)
        .Select(x => x.Type)
        .ToList();

    /// <summary>Runs every scenario; a failing step skips the rest of its scenario, as the framework does.</summary>
    public static async Task<IReadOnlyList<StepWindow>> RunAsync(ZeroDowntimeSettings settings, Action<string> log)
    {
        var windows = new List<StepWindow>();
        var fixture = ClusterFixture.WithOptions(new ClusterFixtureOptions { Settings = settings, WriteReports = false, Log = log });
        var started = DateTimeOffset.UtcNow;
        try
        {
            await fixture.InitializeAsync();
            windows.Add(new StepWindow("fixture", "start", started, DateTimeOffset.UtcNow, null));
            var output = new LogOutput(log);
            foreach (var scenario in Scenarios)
            {
                await RunScenarioAsync(scenario, fixture, output, windows);
            }
        }
        catch (Exception e) when (windows.Count == 0)
        {
            windows.Add(new StepWindow("fixture", "start", started, DateTimeOffset.UtcNow, e));
        }
        finally
        {
            var stopping = DateTimeOffset.UtcNow;
            await fixture.DisposeAsync();
            windows.Add(new StepWindow("fixture", "stop", stopping, DateTimeOffset.UtcNow, null));
        }

        return windows;
    }

    private static async Task RunScenarioAsync(Type scenario, ClusterFixture fixture, ITestOutputHelper output, List<StepWindow> windows)
    {
        var contextType = scenario.GetConstructors().Single().GetParameters()[1].ParameterType;
        var context = (IAsyncLifetime)Activator.CreateInstance(contextType)!;
        await context.InitializeAsync();
        try
        {
            var instance = Activator.CreateInstance(scenario, fixture, context, output)!;
            foreach (var (number, method) in ScenarioSteps.Of(scenario))
            {
                var start = DateTimeOffset.UtcNow;
                Exception? error = null;
                try
                {
                    if (method.Invoke(instance, null) is Task task)
                    {
                        await task;
                    }
                }
                catch (Exception e)
                {
                    error = e is TargetInvocationException { InnerException: { } inner } ? inner : e;
                }

                windows.Add(new StepWindow(scenario.Name, $"step {number} {method.Name}", start, DateTimeOffset.UtcNow, error));
                if (error is not null)
                {
                    break;
                }
            }
        }
        finally
        {
            await context.DisposeAsync();
        }
    }

    private sealed class LogOutput(Action<string> log) : ITestOutputHelper
    {
        public void WriteLine(string message) => log(message);

        public void WriteLine(string format, params object[] args) => log(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));
    }
}
