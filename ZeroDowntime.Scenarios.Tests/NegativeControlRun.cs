using Xunit.Abstractions;
using ZeroDowntime.Fixtures.Cluster;
using ZeroDowntime.Fixtures.Configuration;
using ZeroDowntime.Fixtures.Xunit;
using ZeroDowntime.LocalCluster;

namespace ZeroDowntime.Scenarios.Tests;

/// <summary>
/// Starts the embedded cluster on a broken variant of the sample target
/// (<c>manifests/negative-controls/&lt;case&gt;/</c>), runs one scenario's steps through the real
/// fixture and runner, and stops everything again.
/// </summary>
public static class NegativeControlRun
{
    /// <summary>Runs the scenario built by <paramref name="create"/> against the <paramref name="case"/> manifests; returns the step outcomes.</summary>
    public static Task<IReadOnlyList<StepOutcome>> RunAsync<TState>(
        string @case, ITestOutputHelper output, Func<ClusterFixture, ScenarioContext<TState>, object> create, params (string Name, string Value)[] settings)
        where TState : class, new() =>
        RunAsync(@case, Path.Combine("manifests", "negative-controls", @case), null, output, create, settings);

    /// <summary>
    /// As the other overload, with the manifests in <paramref name="manifests"/> and the embedded cluster changed by
    /// <paramref name="configureEmbedded"/> (a broken network rather than a broken target).
    /// </summary>
    public static async Task<IReadOnlyList<StepOutcome>> RunAsync<TState>(
        string @case, string manifests, Action<LocalClusterOptions>? configureEmbedded, ITestOutputHelper output,
        Func<ClusterFixture, ScenarioContext<TState>, object> create, params (string Name, string Value)[] settings)
        where TState : class, new() =>
        await RunAsync(manifests, configureEmbedded, writeReports: false, ResultsFolder(@case), output, create, settings).ConfigureAwait(false);

    /// <summary>As <see cref="RunAsync{TState}(string, ITestOutputHelper, Func{ClusterFixture, ScenarioContext{TState}, object}, ValueTuple{string, string}[])"/>, and writes summary.json and report.html to the returned folder.</summary>
    public static async Task<(IReadOnlyList<StepOutcome> Outcomes, string Results)> RunWithReportsAsync<TState>(
        string @case, ITestOutputHelper output, Func<ClusterFixture, ScenarioContext<TState>, object> create, params (string Name, string Value)[] settings)
        where TState : class, new()
    {
        var results = ResultsFolder(@case);
        var outcomes = await RunAsync(Path.Combine("manifests", "negative-controls", @case), null, writeReports: true, results, output, create, settings)
            .ConfigureAwait(false);
        return (outcomes, results);
    }

    // Kept after the run: the raw timelines are the evidence when a control unexpectedly passes.
    private static string ResultsFolder(string @case) =>
        Path.Combine(AppContext.BaseDirectory, "TestResults", "negative-controls", $"{@case}-{DateTime.Now:yyyyMMdd-HHmmss}");

    private static async Task<IReadOnlyList<StepOutcome>> RunAsync<TState>(
        string manifests, Action<LocalClusterOptions>? configureEmbedded, bool writeReports, string results, ITestOutputHelper output,
        Func<ClusterFixture, ScenarioContext<TState>, object> create, (string Name, string Value)[] settings)
        where TState : class, new()
    {
        var environment = new Dictionary<string, string?> { ["ZD_RESULTS_DIR"] = results };
        foreach (var (name, value) in settings)
        {
            environment[name] = value;
        }

        var fixture = ClusterFixture.WithOptions(new ClusterFixtureOptions
        {
            Settings = ZeroDowntimeSettings.Load(environment),
            Manifests = manifests,
            ConfigureEmbedded = configureEmbedded,
            WriteReports = writeReports,
            Log = line => output.WriteLine($"{DateTime.Now:HH:mm:ss.fff} [cluster] {line}"),
        });
        try
        {
            await fixture.InitializeAsync();
            var context = new ScenarioContext<TState>();
            await context.InitializeAsync();
            try
            {
                var outcomes = await ScenarioSteps.RunAsync(create(fixture, context));
                foreach (var outcome in outcomes)
                {
                    output.WriteLine(outcome.ToString());
                }

                return outcomes;
            }
            finally
            {
                await context.DisposeAsync();
            }
        }
        finally
        {
            await fixture.DisposeAsync();
        }
    }
}
