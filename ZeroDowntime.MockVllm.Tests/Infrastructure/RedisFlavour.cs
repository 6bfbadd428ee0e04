namespace ZeroDowntime.MockVllm.Tests.Infrastructure;

/// <summary>Which RESP server a persistence test runs against: both, since the local cluster runs either.</summary>
public enum RedisFlavour
{
    /// <summary><c>redis-server</c> (skipped when it is not installed).</summary>
    RedisServer,

    /// <summary>The Garnet stand-in (<c>ZeroDowntime.Garnet</c>), always available.</summary>
    Garnet,
}
