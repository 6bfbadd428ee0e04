namespace ZeroDowntime.MockVllm;

/// <summary>
/// Everything a MockVllm process is told by its flags and environment (flags win). The names are
/// listed in <c>docs/mock-vllm.md</c> and by <c>--help</c>.
/// </summary>
/// <example>
/// <code>
/// var options = MockVllmOptions.Parse(["--role", "worker", "--head", "http://127.0.1.2:8265"],
///     Environment.GetEnvironmentVariables().ToStringDictionary());
/// </code>
/// </example>
public sealed partial class MockVllmOptions
{
    /// <summary>Ray Serve's HTTP proxy port.</summary>
    public const int DefaultServePort = 8000;

    /// <summary>Ray's dashboard port (state API, GCS health) on the head.</summary>
    public const int DefaultDashboardPort = 8265;

    /// <summary>Ray's dashboard agent port, where KubeRay probes raylet health.</summary>
    public const int DefaultAgentPort = 52365;

    /// <summary>The Kubernetes Service whose env vars name the head when no head address is given (KubeRay's `&lt;cluster&gt;-head-svc`).</summary>
    public const string DefaultHeadService = "ray-head-svc";

    /// <summary>Worker or head.</summary>
    public NodeRole Role { get; init; } = NodeRole.Worker;

    /// <summary>Address every listener binds to (default 0.0.0.0).</summary>
    public string ListenHost { get; init; } = "0.0.0.0";

    /// <summary>Serve (inference) port; 0 picks a free port.</summary>
    public int ServePort { get; init; } = DefaultServePort;

    /// <summary>Dashboard port, head only; null when off.</summary>
    public int? DashboardPort { get; init; } = DefaultDashboardPort;

    /// <summary>Dashboard-agent port (raylet health); null when off.</summary>
    public int? AgentPort { get; init; } = DefaultAgentPort;

    /// <summary>Port of the connection listener (<c>hello NAME</c>, then one answer per request line); null when off.</summary>
    public int? ConnectionPort { get; init; }

    /// <summary>The head's dashboard URL a worker registers with; null runs a standalone worker.</summary>
    public Uri? HeadAddress { get; init; }

    /// <summary>Node name reported to the head (default POD_NAME, then HOSTNAME, then the machine name).</summary>
    public string NodeName { get; init; } = Environment.MachineName;

    /// <summary>Ray-style node id: 56 hex characters, new for every process unless given.</summary>
    public string NodeId { get; init; } = NewNodeId();

    /// <summary>Address reported as node_ip (default POD_IP, then the listen host when specific, else 127.0.0.1).</summary>
    public string NodeIp { get; init; } = "127.0.0.1";

    /// <summary>Model-load time: until it has passed, inference and /-/healthz answer 503.</summary>
    public TimeSpan StartupDelay { get; init; } = TimeSpan.Zero;

    /// <summary>Latency per requested token: a request takes max_tokens times this.</summary>
    public TimeSpan TokenLatency { get; init; } = TimeSpan.FromMilliseconds(2);

    /// <summary>
    /// CPU each requested token burns on the serving thread (measured in that thread's CPU time, so a
    /// busy machine makes the request slower, not cheaper); zero burns none. Load then shows as CPU usage.
    /// </summary>
    public TimeSpan CpuPerToken { get; init; } = TimeSpan.Zero;

    /// <summary>What SIGTERM does.</summary>
    public TerminationMode Termination { get; init; } = TerminationMode.Graceful;

    /// <summary>Longest a graceful drain waits for in-flight requests before exiting with code 1.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>When true, /-/healthz answers 503 (a readiness failure) while inference still works.</summary>
    public bool FailReadiness { get; init; }

    /// <summary>When set, every health route answers 503 once this long has passed since start (a liveness failure).</summary>
    public TimeSpan? UnhealthyAfter { get; init; }

    /// <summary>How often a worker heartbeats to the head.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long the head waits without a heartbeat before marking a node DEAD.</summary>
    public TimeSpan NodeDeadTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Cap of the worker's retry backoff while the head is unreachable.</summary>
    public TimeSpan HeadMaxBackoff { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Redis addresses (host:port) the head keeps membership in; empty disables persistence.</summary>
    public IReadOnlyList<string> RedisAddresses { get; init; } = [];

    /// <summary>
    /// Redis Sentinels (host:port) that name the primary the head keeps membership in; when none answers, the head
    /// writes to <see cref="RedisAddresses"/>. Empty: no Sentinel.
    /// </summary>
    public IReadOnlyList<string> RedisSentinels { get; init; } = [];

    /// <summary>The primary's name at the Sentinels (<c>sentinel monitor NAME ...</c>).</summary>
    public string RedisMasterName { get; init; } = "mymaster";

    /// <summary>True when membership is kept in Redis (plain addresses, Sentinels, or both).</summary>
    public bool PersistsMembership => RedisAddresses.Count > 0 || RedisSentinels.Count > 0;

    /// <summary>Redis password (AUTH); never logged.</summary>
    public string? RedisPassword { get; init; }

    /// <summary>Namespace of the Redis key, like Ray's external storage namespace.</summary>
    public string RedisNamespace { get; init; } = "default";

    /// <summary>True when --help was given: print <see cref="HelpText"/> and exit 0.</summary>
    public bool ShowHelp { get; init; }

    /// <summary>The Redis key holding the membership snapshot.</summary>
    public string RedisKey => $"zd-mockvllm:{RedisNamespace}:nodes";

    /// <summary>A new random Ray-style node id (28 bytes, hex).</summary>
    public static string NewNodeId() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(28));
}
