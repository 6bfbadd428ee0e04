using Xunit;

namespace ZeroDowntime.MockVllm.Tests.Infrastructure;

/// <summary>A fact that is skipped, with the reason, when <c>redis-server</c> is not on PATH.</summary>
public sealed class RedisServerFactAttribute : FactAttribute
{
    public RedisServerFactAttribute()
    {
        if (RedisTestServer.RedisServerPath is null)
        {
            Skip = "redis-server is not installed (apt-get install redis-server); the same test against the Garnet stand-in still runs.";
        }
    }
}
