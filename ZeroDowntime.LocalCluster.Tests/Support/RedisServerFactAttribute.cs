using ZeroDowntime.LocalCluster.Kubelet;

namespace ZeroDowntime.LocalCluster.Tests.Support;

/// <summary>A fact that is skipped, with the reason, when <c>redis-server</c> is not on PATH (the Garnet tests still run).</summary>
public sealed class RedisServerFactAttribute : FactAttribute
{
    public RedisServerFactAttribute()
    {
        if (ImageMappings.FindExecutable("redis-server") is null)
        {
            Skip = "redis-server is not installed (apt-get install redis-server); the same test against the Garnet stand-in still runs.";
        }
    }
}
