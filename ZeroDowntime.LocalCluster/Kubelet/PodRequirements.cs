namespace ZeroDowntime.LocalCluster.Kubelet;

/// <summary>
/// The <c>zerodowntime.io/requires</c> pod annotation: what a pod needs from the machine that the local cluster
/// cannot always provide. Today one value, <c>redis-server</c>: the pod runs Redis features the Garnet stand-in does
/// not have (Sentinel, replication). Where the kubelet runs Garnet for redis images it starts none of such a pod's
/// containers and says why (waiting <c>CreateContainerError</c>, a Warning event), and the cluster's readiness does
/// not wait for the pod (<see cref="Controllers.WorkloadsReadyRule"/>). A real cluster ignores the annotation.
/// </summary>
public static class PodRequirements
{
    /// <summary>The annotation's name.</summary>
    public const string Annotation = "zerodowntime.io/requires";

    /// <summary>The one value understood: the real redis-server.</summary>
    public const string RedisServer = "redis-server";

    /// <summary>The container waiting reason of a pod whose requirement is not met.</summary>
    public const string UnmetReason = "CreateContainerError";

    /// <summary>Why a pod annotated with <paramref name="required"/> cannot run here, or null when it can (or nothing is required).</summary>
    internal static string? Unmet(string? required, LocalRedis redis, IReadOnlyDictionary<string, string> placeholders)
    {
        if (string.IsNullOrEmpty(required))
        {
            return null;
        }

        if (required != RedisServer)
        {
            return $"this pod requires '{required}' ({Annotation}), which the local cluster does not know; the only value it understands is {RedisServer}";
        }

        return RedisPrograms.RunsRedisServer(redis, placeholders, out var why) ? null
            : $"this pod needs redis-server ({Annotation}), but {why}; the Garnet stand-in that runs redis images here has no Sentinel and does not replicate";
    }
}
