namespace ZeroDowntime.LocalCluster.Kubelet;

/// <summary>
/// Which program the kubelet runs for <c>redis*</c> images (<see cref="KubeletOptions.Redis"/>;
/// <c>ZD_LOCAL_REDIS=auto|redis-server|garnet</c>; <c>up --redis ...</c>).
/// </summary>
public enum LocalRedis
{
    /// <summary><c>redis-server</c> when it is on PATH, otherwise Garnet (the default).</summary>
    Auto,

    /// <summary>Always <c>redis-server</c>; pods fail with an install hint when it is missing.</summary>
    RedisServer,

    /// <summary>Always the Garnet stand-in (<c>dotnet garnet/ZeroDowntime.Garnet.dll</c>, shipped next to this assembly).</summary>
    Garnet,
}
