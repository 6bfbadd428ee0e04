using ZeroDowntime.LocalCluster.Kubelet;

namespace ZeroDowntime.LocalCluster.Tests.Support;

/// <summary>A fact that is skipped, with the reason, when <c>redis-server</c> is not on PATH (the Garnet tests still run).</summary>
public sealed class RedisServerFactAttribute : FactAttribute
{
    /// <summary>True when a kubelet with default options runs redis-server for redis images (installed, and ZD_LOCAL_REDIS does not say garnet).</summary>
    public static bool Installed => ImageMappings.FindExecutable("redis-server") is not null && new KubeletOptions().Redis != LocalRedis.Garnet;

    public RedisServerFactAttribute()
    {
        if (ImageMappings.FindExecutable("redis-server") is null)
        {
            Skip = "redis-server is not installed (apt-get install redis-server); the same test against the Garnet stand-in still runs.";
        }
    }
}
