namespace ZeroDowntime.LocalCluster.Lifecycle;

/// <summary>
/// Finishes graceful pod deletion: the API sets deletionTimestamp and deletionGracePeriodSeconds
/// and calls <see cref="TerminationRequested"/>; the terminator stops the pod (the kubelet's job)
/// and then removes it with <c>api.Pods.Delete(ns, name, new V1DeleteOptions { GracePeriodSeconds = 0, Preconditions = new V1Preconditions { Uid = uid } })</c>.
/// Called again when a later delete shortens the grace period. Called outside the store lock.
/// </summary>
public interface IPodTerminator
{
    /// <summary>A pod entered (or shortened) graceful termination.</summary>
    void TerminationRequested(PodTermination termination);
}

/// <summary>One graceful pod termination request.</summary>
/// <param name="Namespace">The pod's namespace.</param>
/// <param name="Name">The pod's name.</param>
/// <param name="Uid">The pod's uid (use it as the final delete's precondition).</param>
/// <param name="GracePeriod">The grace period in force.</param>
/// <param name="Deadline">When the grace period ends (metadata.deletionTimestamp).</param>
public sealed record PodTermination(string Namespace, string Name, string Uid, TimeSpan GracePeriod, DateTimeOffset Deadline);
