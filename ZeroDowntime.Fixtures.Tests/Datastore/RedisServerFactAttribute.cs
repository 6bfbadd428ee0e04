using Xunit;
using ZeroDowntime.LocalCluster.Kubelet;

namespace ZeroDowntime.Fixtures.Tests.Datastore;

/// <summary>A fact that is skipped, with the reason, when <c>redis-server</c> is not on PATH (the Garnet stand-in has no Sentinel).</summary>
public sealed class RedisServerFactAttribute : FactAttribute
{
    public RedisServerFactAttribute()
    {
        if (ImageMappings.FindExecutable("redis-server") is null)
        {
            Skip = "redis-server is not installed (apt-get install redis-server); the Garnet stand-in has no Sentinel.";
        }
    }
}
