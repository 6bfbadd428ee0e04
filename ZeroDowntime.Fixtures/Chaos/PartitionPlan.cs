using System.Globalization;
using k8s;
using ZeroDowntime.Fixtures.Configuration;

namespace ZeroDowntime.Fixtures.Chaos;

/// <summary>What a NetworkPartition cuts (from <c>ZD_TIMING__NETWORK_PARTITION__TARGET</c>) and how its effect is seen.</summary>
/// <param name="Target">The configured target.</param>
/// <param name="Name">The target as the setting writes it (<c>workers-from-head</c>), also the policy's partition label.</param>
/// <param name="Isolated">The role whose pods the policy selects.</param>
/// <param name="Peer">The role they are cut off from.</param>
public sealed record PartitionPlan(PartitionTarget Target, string Name, RoleSettings Isolated, RoleSettings Peer)
{
    /// <summary>The plan for the configured target.</summary>
    public static PartitionPlan For(ZeroDowntimeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var target = settings.Timing.NetworkPartition.Target;
        return target switch
        {
            PartitionTarget.WorkersFromHead => new PartitionPlan(target, "workers-from-head", settings.Target.Workers, settings.Target.Head),
            PartitionTarget.HeadFromRedis => new PartitionPlan(target, "head-from-redis", settings.Target.Head, settings.Target.Redis),
            _ => throw new ArgumentOutOfRangeException(nameof(settings), target, "unknown partition target"),
        };
    }

    /// <summary>In words: <c>cut the worker pods off from the head pods</c>.</summary>
    public string Label => string.Create(CultureInfo.InvariantCulture, $"cut the {Isolated.Name} pods off from the {Peer.Name} pods");

    /// <summary>How the effect is seen: the head's node list (workers from head) or the head's log (head from Redis).</summary>
    public IPartitionEvidence Evidence(IKubernetes client, string @namespace, ZeroDowntimeSettings settings, IReadOnlyList<string> isolatedPods) => Target switch
    {
        PartitionTarget.WorkersFromHead => new RayMembershipEvidence(client, @namespace, settings, isolatedPods),
        _ => new HeadLogEvidence(client, @namespace, settings),
    };
}
