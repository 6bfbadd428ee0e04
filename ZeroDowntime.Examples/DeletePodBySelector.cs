using FluentAssertions.Execution;
using k8s;
using Xunit;
using Xunit.Abstractions;
using ZeroDowntime.Fixtures.Assertions;
using ZeroDowntime.Fixtures.Cluster;
using ZeroDowntime.Fixtures.Configuration;
using ZeroDowntime.Fixtures.Scenarios;
using ZeroDowntime.Fixtures.Xunit;

namespace ZeroDowntime.Examples;

/// <summary>Deletes one pod, chosen by a label selector, under load: the service stays up and the pod comes back.</summary>
[Scenario(nameof(DeletePodBySelector))]
[Collection(ExamplesCollection.Name)]
public sealed class DeletePodBySelector(ClusterFixture cluster, ScenarioContext<DisruptionState> context, ITestOutputHelper output)
    : IClassFixture<ScenarioContext<DisruptionState>>
{
    private const string Selector = "statefulset.kubernetes.io/pod-name=redis-1";
    private static readonly TimeSpan RecoveryDeadline = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MonitoringWindow = TimeSpan.FromSeconds(60);

    private readonly Narrator _narrator = new(output);

    private DisruptionState State => context.State;

    private RoleSettings Role => cluster.Settings.Target.Redis; // the role the pod belongs to

    [Step(1, "Start load and collect a baseline")]
    public async Task Start_load()
    {
        cluster.Gate.EnsureOpen($"delete the pod {Selector}");
        State.Run = await DisruptionRun.StartAsync(cluster, nameof(DeletePodBySelector), _narrator.By);
        await State.Run.WaitBaselineAsync();
    }

    [Step(2, "Delete the pod")]
    public async Task Delete_the_pod()
    {
        IKubernetes kube = cluster.Client;
        var pod = (await kube.CoreV1.ListNamespacedPodAsync(cluster.Namespace, labelSelector: Selector)).Items.Single();
        _narrator.By($"Deleting pod {pod.Metadata.Name} on node {pod.Spec.NodeName}");
        await kube.CoreV1.DeleteNamespacedPodAsync(pod.Metadata.Name, cluster.Namespace);
        State.DisruptedAt = State.RequireRun().MarkDisruptionAccepted(pod, Role.Name);
    }

    [Step(3, "Monitor until the pod is back")]
    public async Task Monitor_until_the_pod_is_back() =>
        State.Recovery = await State.RequireRun().MonitorUntilRecoveredAsync(Role, State.RequireDisruption(), MonitoringWindow);

    [Step(4, "Judge availability and recovery")]
    public async Task Judge_availability_and_recovery()
    {
        var run = State.RequireRun();
        await run.StopAsync();
        using var scope = new AssertionScope();
        run.Result.Should().HaveSuccessRateAbove(95, "while the pod was replaced")
            .And.RecoverWithin(Role.Name, RecoveryDeadline);
    }
}
