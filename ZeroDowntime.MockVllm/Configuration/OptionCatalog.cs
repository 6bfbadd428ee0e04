namespace ZeroDowntime.MockVllm.Configuration;

/// <summary>The single list of settings: parsing, --help and the docs test all read it.</summary>
internal static class OptionCatalog
{
    public static readonly IReadOnlyList<OptionDefinition> All =
    [
        new("role", ["ZD_ROLE"], false, "worker | head (default worker)"),
        new("host", ["ZD_LISTEN_HOST"], false, "listen address for every port (default 0.0.0.0)"),
        new("port", ["ZD_SERVE_PORT"], false, "serve port: inference and Serve health (default 8000; 0 = any free port)"),
        new("dashboard-port", ["ZD_DASHBOARD_PORT"], false, "head only: dashboard port, state API and GCS health (default 8265; off disables)"),
        new("agent-port", ["ZD_AGENT_PORT"], false, "dashboard-agent port for raylet health (default 52365; off disables)"),
        new("connection-port", ["ZD_CONNECTION_PORT"], false, "connection listener: long-lived TCP connections, each request answered with the node name (default off)"),
        new("head", ["ZD_HEAD_ADDRESS"], false, "worker only: head dashboard address, http://HOST:PORT or HOST[:PORT] (default from the head Service env vars)"),
        new("head-service", ["ZD_HEAD_SERVICE"], false, "Kubernetes Service naming the head when --head is absent (default ray-head-svc: reads RAY_HEAD_SVC_SERVICE_HOST and RAY_HEAD_SVC_SERVICE_PORT_DASHBOARD)"),
        new("node-name", ["ZD_NODE_NAME", "POD_NAME", "HOSTNAME"], false, "node name reported to the head (default POD_NAME, HOSTNAME, machine name)"),
        new("node-id", ["ZD_NODE_ID"], false, "node id, 56 hex characters (default: new random id per process, as Ray does)"),
        new("node-ip", ["ZD_NODE_IP", "POD_IP"], false, "node_ip reported to the head (default POD_IP, else the listen host when specific, else 127.0.0.1)"),
        new("startup-delay", ["ZD_STARTUP_DELAY"], false, "model-load time before inference and /-/healthz answer (default 0s)"),
        new("token-latency-ms", ["ZD_TOKEN_LATENCY_MS"], false, "milliseconds per requested token (default 2)"),
        new("cpu-per-token-ms", ["ZD_CPU_PER_TOKEN_MS"], false, "CPU time each requested token burns, in milliseconds of the serving thread's CPU (default 0: none)"),
        new("termination", ["ZD_TERMINATION"], false, "graceful | abrupt: what SIGTERM does (default graceful)"),
        new("abrupt", [], true, "same as --termination abrupt: exit 143 at once on SIGTERM, dropping in-flight requests"),
        new("drain-timeout", ["ZD_DRAIN_TIMEOUT"], false, "longest a graceful drain waits for in-flight requests (default 30s)"),
        new("fail-readiness", ["ZD_FAIL_READINESS"], true, "answer 503 on /-/healthz (readiness failure) while still serving inference"),
        new("unhealthy-after", ["ZD_UNHEALTHY_AFTER"], false, "every health route answers 503 once this long has passed (default off)"),
        new("heartbeat-interval", ["ZD_HEARTBEAT_INTERVAL"], false, "worker heartbeat period (default 1s)"),
        new("node-dead-timeout", ["ZD_NODE_DEAD_TIMEOUT"], false, "head: mark a node DEAD after this long without a heartbeat (default 5s)"),
        new("head-max-backoff", ["ZD_HEAD_MAX_BACKOFF"], false, "worker: cap of the retry backoff while the head is down (default 5s)"),
        new("redis", ["ZD_REDIS_ADDRESS", "RAY_REDIS_ADDRESS"], false, "head: comma-separated host:port list to keep membership in (default none)"),
        new("redis-password", ["ZD_REDIS_PASSWORD", "REDIS_PASSWORD"], false, "head: Redis AUTH password (prefer the env var; never logged)"),
        new("redis-sentinel", ["ZD_REDIS_SENTINEL"], false, "head: comma-separated Sentinel host:port list; membership goes to the primary they name, or to --redis when none answers (default none)"),
        new("redis-master-name", ["ZD_REDIS_MASTER_NAME"], false, "head: the primary's name at the Sentinels (default mymaster)"),
        new("redis-namespace", ["ZD_REDIS_NAMESPACE", "RAY_external_storage_namespace"], false, "head: Redis key namespace (default default)"),
        new("help", [], true, "print this help and exit 0"),
    ];

    public static OptionDefinition? Find(string flag) => All.FirstOrDefault(o => o.Flag == flag);
}
