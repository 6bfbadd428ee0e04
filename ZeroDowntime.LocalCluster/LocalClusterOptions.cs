using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Controllers;
using ZeroDowntime.LocalCluster.Http;
using ZeroDowntime.LocalCluster.Lifecycle;
using ZeroDowntime.LocalCluster.Storage;

namespace ZeroDowntime.LocalCluster;

/// <summary>How to start a <see cref="LocalClusterHost"/>. Every knob has a default that suits tests.</summary>
public sealed class LocalClusterOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 (default) picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>Nodes to register (<c>zd-node-1..N</c>); default 4.</summary>
    public int NodeCount { get; set; } = 4;

    /// <summary>Events kept for watch resume; older resourceVersions get 410 Expired. Default 10,000.</summary>
    public int WatchHistorySize { get; set; } = 10_000;

    /// <summary>Interval between BOOKMARK events on watches that allow them; default 60 s (as the API server).</summary>
    public TimeSpan BookmarkInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Longest the default pod terminator keeps a terminating pod; default 1 s.</summary>
    public TimeSpan PodTerminationDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The process kubelet's options: pods run as real processes behind real service proxies (see
    /// <see cref="ProcessRuntime"/>). Set to null for a cluster without processes (controller tests,
    /// a simulated kubelet). Ignored when <see cref="PodTerminator"/> is set. One options instance per host.
    /// </summary>
    public Kubelet.KubeletOptions? Kubelet { get; set; } = new();

    /// <summary>The service proxies' options (propagation delay...), used with <see cref="Kubelet"/>.</summary>
    public Networking.NetworkingOptions Networking { get; set; } = new();

    /// <summary>Replaces the default <see cref="DelayedPodTerminator"/> (the kubelet plugs in here).</summary>
    public Func<ClusterApi, IPodTerminator>? PodTerminator { get; set; }

    /// <summary>Decides when the cluster is ready; default <see cref="AllPodsReadyRule"/>.</summary>
    public IReadinessRule ReadinessRule { get; set; } = new AllPodsReadyRule();

    /// <summary>Extra admission hooks, run after the built-in defaulting and before built-in validation.</summary>
    public IList<IAdmissionHook> AdmissionHooks { get; } = [];

    /// <summary>Control loops started with the host and stopped on dispose.</summary>
    public IList<IClusterController> Controllers { get; } = [];

    /// <summary>API groups served beside the store's, as APIServices (the process runtime adds <c>metrics.k8s.io</c>).</summary>
    public IList<IAggregatedApi> AggregatedApis { get; } = [];

    /// <summary>Eviction, log and proxy handlers (501 stubs until registered).</summary>
    public SubresourceRegistry Subresources { get; } = new();

    /// <summary>The resources served; add to it for kinds beyond the built-in set.</summary>
    public ResourceCatalog Resources { get; } = ResourceCatalog.Default;

    /// <summary>
    /// Enforce RBAC (<c>up --rbac</c>): the administrator token in the written kubeconfig stays unrestricted,
    /// ServiceAccount tokens from the TokenRequest API are held to their Role/ClusterRole bindings, any other
    /// token gets 401. Off by default: any bearer token is accepted.
    /// </summary>
    public bool EnforceRbac { get; set; }

    /// <summary>With <see cref="EnforceRbac"/>: also append every authorization decision to this file (JSON lines).</summary>
    public string? AccessLogPath { get; set; }

    /// <summary>
    /// Control-plane faults injected into API calls (docs/local-cluster-faults.md); default from
    /// <c>ZD_LOCAL_FAULTS=PROFILE[:SEED]</c>, null when unset. The host prints the profile and seed to <see cref="Log"/>.
    /// </summary>
    /// <exception cref="InvalidDataException">ZD_LOCAL_FAULTS names no profile (raised by the constructor).</exception>
    public Http.Faults.ApiFaults? Faults { get; set; } = Http.Faults.ApiFaultProfiles.FromEnvironment();

    /// <summary>Clock for timestamps and the default pod terminator.</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;

    /// <summary>Where controller failures are reported; default standard error.</summary>
    public TextWriter Log { get; set; } = Console.Error;
}
