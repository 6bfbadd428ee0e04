using Xunit;
using ZeroDowntime.LocalCluster.Kubelet;

namespace ZeroDowntime.Scenarios.Tests;

/// <summary>
/// A fact that is skipped, with the reason, where the embedded cluster does not run redis-server for redis images
/// (not installed, or ZD_LOCAL_REDIS=garnet): the Garnet stand-in has no Sentinel, so there is no failover to test.
/// </summary>
public sealed class RedisServerFactAttribute : FactAttribute
{
    public RedisServerFactAttribute()
    {
        if (ImageMappings.FindExecutable("redis-server") is null || new KubeletOptions().Redis == LocalRedis.Garnet)
        {
            Skip = "the embedded cluster does not run redis-server here (not installed, or ZD_LOCAL_REDIS=garnet); the Garnet stand-in has no Sentinel.";
        }
    }
}
