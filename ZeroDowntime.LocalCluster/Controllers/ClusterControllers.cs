using ZeroDowntime.LocalCluster.Controllers.Autoscaling;
using ZeroDowntime.LocalCluster.Controllers.Disruption;
using ZeroDowntime.LocalCluster.Controllers.Kubelet;
using ZeroDowntime.LocalCluster.Controllers.Networking;
using ZeroDowntime.LocalCluster.Controllers.Workloads;
using ZeroDowntime.LocalCluster.Scheduling;

namespace ZeroDowntime.LocalCluster.Controllers;

/// <summary>Installs the local cluster's control plane into <see cref="LocalClusterOptions"/>.</summary>
public static class ClusterControllers
{
    /// <summary>
    /// Adds a <see cref="ControllerManager"/> running the Deployment, ReplicaSet, StatefulSet, Job,
    /// disruption, Endpoints/EndpointSlice and HPA controllers and the scheduler; registers the
    /// <c>pods/eviction</c> handler; makes readiness wait for every workload
    /// (<see cref="WorkloadsReadyRule"/>); and, unless <see cref="ClusterControllerOptions.SimulatedKubelet"/>
    /// is null or a process kubelet is configured (<see cref="LocalClusterOptions.Kubelet"/>, the default), the <see cref="SimulatedKubelet"/> with its <see cref="SimulatedPodTerminator"/>
    /// (only when no other pod terminator is configured).
    /// </summary>
    /// <example><code>
    /// var metrics = new InMemoryPodMetrics();
    /// var options = new LocalClusterOptions().AddControllers(new ClusterControllerOptions { Metrics = metrics });
    /// await using var cluster = await LocalClusterHost.StartAsync(options);
    /// </code></example>
    public static LocalClusterOptions AddControllers(this LocalClusterOptions options, ClusterControllerOptions? controllers = null)
    {
        controllers ??= new ClusterControllerOptions();
        var settings = controllers.Settings with { Log = controllers.Settings.Log == Console.Error ? options.Log : controllers.Settings.Log };
        var list = new List<IClusterController>
        {
            new Scheduler(settings),
            new DeploymentController(settings),
            new ReplicaSetController(settings),
            new StatefulSetController(settings),
            new JobController(settings),
            new DisruptionController(settings),
            new EndpointsController(settings),
            new HorizontalPodAutoscalerController(settings, controllers.Metrics, controllers.Hpa),
        };
        // The process kubelet (LocalClusterOptions.Kubelet, the default) runs pods for real; the simulated one only without it.
        if (controllers.SimulatedKubelet is { } kubelet && options.Kubelet is null)
        {
            list.Add(new SimulatedKubelet(settings, kubelet));
            options.PodTerminator ??= api => new SimulatedPodTerminator(api, kubelet.TerminationDelay);
        }

        options.Controllers.Add(new ControllerManager(list, settings.Log));
        options.Subresources.Register("", "pods", "eviction", EvictionHandler.HandleAsync);
        options.ReadinessRule = new WorkloadsReadyRule();
        return options;
    }
}
