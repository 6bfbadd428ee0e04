namespace ZeroDowntime.Fixtures.Configuration;

/// <summary>How RandomPodKill kills the pods it picked (<c>ZD_TIMING__RANDOM_POD_KILL__METHOD</c>).</summary>
public enum PodKillMethod
{
    /// <summary><c>force-delete</c>: delete with grace period 0, as Litmus's pod-delete does by default.</summary>
    ForceDelete,

    /// <summary><c>graceful-delete</c>: delete with the pod's own termination grace period (preStop, SIGTERM).</summary>
    GracefulDelete,

    /// <summary>
    /// <c>process-kill</c>: SIGKILL the container's processes without deleting the pod, so the kubelet restarts it in
    /// place. Needs the embedded cluster's <c>pods/zerodowntime-kill</c> hook; elsewhere the scenario is skipped.
    /// </summary>
    ProcessKill,
}
