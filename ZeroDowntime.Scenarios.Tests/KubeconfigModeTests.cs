using FluentAssertions;
using Xunit;
using Xunit.Abstractions;
using ZeroDowntime.Fixtures.Cluster;
using ZeroDowntime.Fixtures.Scenarios;
using ZeroDowntime.Kubernetes;
using ZeroDowntime.Kubernetes.Safety;
using ZeroDowntime.Tests;

namespace ZeroDowntime.Scenarios.Tests;

/// <summary>The suite in kubeconfig mode against <c>up</c>: the guard refuses without permission, and a scenario passes with it.</summary>
[Collection(SelfTestCollection.Name)]
public sealed class KubeconfigModeTests(UpCluster up, ITestOutputHelper output) : IClassFixture<UpCluster>
{
    private readonly string _results = Path.Combine(AppContext.BaseDirectory, "TestResults", "kubeconfig-mode", Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task A_disruptive_step_without_ZD_ALLOW_DISRUPTION_fails_with_the_message_and_changes_nothing()
    {
        var before = await SnapshotAsync();

        var outcomes = await RunSingleWorkerDisruptionAsync(allowDisruption: false);

        var failed = outcomes.Should().ContainSingle().Subject;
        failed.Number.Should().Be(1);
        failed.Error.Should().BeOfType<DisruptionNotAllowedException>().Which.Message.Should().Be(
            "Refusing to delete a worker pod on context 'zd-local': disruptive steps run only when ZD_ALLOW_DISRUPTION equals the context name (it is not set).");
        (await SnapshotAsync()).Should().Equal(before, "no pod may be deleted or evicted and no node cordoned");
    }

    [Fact]
    public async Task With_ZD_ALLOW_DISRUPTION_equal_to_the_context_the_scenario_passes()
    {
        var outcomes = await RunSingleWorkerDisruptionAsync(allowDisruption: true);

        outcomes.Should().HaveCount(7).And.OnlyContain(o => o.Passed);
    }

    [Fact]
    public async Task A_selector_that_matches_nothing_fails_the_start_with_one_sentence()
    {
        var environment = KubeconfigSettings.Environment(up, allowDisruption: true, _results);
        environment["ZD_TARGET__WORKERS__SELECTOR"] = "app=nothing-here";
        var fixture = ClusterFixture.WithOptions(new ClusterFixtureOptions
        {
            Settings = Fixtures.Configuration.ZeroDowntimeSettings.Load(environment),
            WriteReports = false,
            Log = output.WriteLine,
        });

        var start = async () => await fixture.InitializeAsync();

        (await start.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Be(
            "No pods match ZD_TARGET__WORKERS__SELECTOR 'app=nothing-here' in namespace 'default' on context 'zd-local'.");
        await fixture.DisposeAsync();
    }

    [Fact]
    public async Task An_unreachable_API_server_fails_the_start_with_one_sentence()
    {
        var kubeconfig = Path.Combine(Path.GetTempPath(), $"zd-unreachable-{Guid.NewGuid():N}.kubeconfig");
        await File.WriteAllTextAsync(kubeconfig, """
            apiVersion: v1
            kind: Config
            clusters: [{name: gone, cluster: {server: "http://127.0.0.1:1"}}]
            users: [{name: u, user: {token: t}}]
            contexts: [{name: gone, context: {cluster: gone, user: u}}]
            current-context: gone
            """);
        var fixture = ClusterFixture.WithOptions(new ClusterFixtureOptions
        {
            Settings = Fixtures.Configuration.ZeroDowntimeSettings.Load(new Dictionary<string, string?>
            {
                ["ZD_CLUSTER"] = "kubeconfig", ["ZD_KUBECONFIG"] = kubeconfig, ["ZD_PROFILE"] = "local", ["ZD_RESULTS_DIR"] = _results,
            }),
            WriteReports = false,
            Log = output.WriteLine,
        });
        try
        {
            var start = async () => await fixture.InitializeAsync();

            (await start.Should().ThrowAsync<KubernetesConnectionException>()).Which.Message.Should()
                .StartWith("could not reach the Kubernetes API server at http://127.0.0.1:1");
        }
        finally
        {
            await fixture.DisposeAsync();
            File.Delete(kubeconfig);
        }
    }

    private async Task<IReadOnlyList<StepOutcome>> RunSingleWorkerDisruptionAsync(bool allowDisruption)
    {
        var fixture = ClusterFixture.WithOptions(new ClusterFixtureOptions
        {
            Settings = KubeconfigSettings.Load(up, allowDisruption, _results),
            WriteReports = false,
            Log = line => output.WriteLine($"{DateTime.Now:HH:mm:ss.fff} [cluster] {line}"),
        });
        try
        {
            await fixture.InitializeAsync();
            await using var context = new Fixtures.Xunit.ScenarioContext<DisruptionState>();
            var outcomes = await ScenarioSteps.RunAsync(new SingleWorkerDisruption(fixture, context, output));
            outcomes.ToList().ForEach(o => output.WriteLine(o.ToString()));
            return outcomes;
        }
        finally
        {
            await fixture.DisposeAsync();
        }
    }

    // Pod identities, deletion marks and node cordons: what a disruptive request would change.
    private async Task<IReadOnlyList<string>> SnapshotAsync()
    {
        using var session = ClusterSession.OpenKubeconfig(KubeconfigSettings.Load(up, allowDisruption: false, _results));
        var pods = (await session.Client.ListAllAsync(KubeResources.Pods, session.Namespace)).Items
            .Select(p => $"pod {p.Metadata.Name} {p.Metadata.Uid} deleting={p.Metadata.DeletionTimestamp is not null}");
        var nodes = (await session.Client.ListAllAsync(KubeResources.Nodes)).Items
            .Select(n => $"node {n.Metadata.Name} unschedulable={n.Spec?.Unschedulable == true}");
        return pods.Concat(nodes).Order(StringComparer.Ordinal).ToList();
    }
}
