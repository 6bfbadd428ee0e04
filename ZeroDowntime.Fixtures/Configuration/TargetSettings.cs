using System.Text.Json;
using System.Text.Json.Nodes;

namespace ZeroDowntime.Fixtures.Configuration;

/// <summary>
/// The service under test and its topology (<c>ZD_TARGET__*</c>). The defaults describe the
/// reference target: Ray Serve vLLM with KubeRay labels, 1 head, 3 workers, 3 Redis, behind the
/// <c>ray-serve-nlb</c> load balancer.
/// </summary>
public sealed class TargetSettings
{
    /// <summary>The Ray head.</summary>
    [SettingsSection("HEAD", "Target: head role",
        "NAME=head", "SELECTOR=ray.io/node-type=head", "EXPECTED_COUNT=1", "MIN_READY_DURING_DISRUPTION=0", "PDB_MIN_AVAILABLE=1")]
    public RoleSettings Head { get; init; } = new();

    /// <summary>The Ray workers that serve inference.</summary>
    [SettingsSection("WORKERS", "Target: worker role",
        "NAME=worker", "SELECTOR=ray.io/node-type=worker", "EXPECTED_COUNT=3", "MIN_READY_DURING_DISRUPTION=2", "PDB_MIN_AVAILABLE=2")]
    public RoleSettings Workers { get; init; } = new();

    /// <summary>The Redis pods that back Ray's GCS fault tolerance.</summary>
    [SettingsSection("REDIS", "Target: Redis role",
        "NAME=redis", "SELECTOR=app=redis", "EXPECTED_COUNT=3", "MIN_READY_DURING_DISRUPTION=2", "PDB_MIN_AVAILABLE=2")]
    public RoleSettings Redis { get; init; } = new();

    /// <summary>The datastore with failover: the Sentinels that name the Redis role's primary.</summary>
    [SettingsSection("DATASTORE", "Target: datastore (Redis Sentinel)")]
    public DatastoreSettings Datastore { get; init; } = new();

    /// <summary>The Service that exposes the endpoint (a LoadBalancer on EKS).</summary>
    [Setting("SERVICE_NAME", "Service exposing the inference endpoint; its load-balancer ingress is the address used.",
        Default = "ray-serve-nlb", Format = SettingFormat.DnsLabel)]
    public string ServiceName { get; init; } = "";

    /// <summary>The Service port requests go to.</summary>
    [Setting("SERVICE_PORT", "Service port the requests go to.", Default = "80", Minimum = 1, Maximum = 65535)]
    public int ServicePort { get; init; }

    /// <summary>Overrides the address taken from the Service (a port-forward, an ingress); null: use the Service.</summary>
    [Setting("BASE_URL", "Send requests here instead of the Service's load-balancer address (e.g. a port-forward).",
        Format = SettingFormat.HttpUrl)]
    public string? BaseUrl { get; init; }

    /// <summary>The inference path.</summary>
    [Setting("ENDPOINT_PATH", "Path of the inference endpoint.", Default = "/VLLMDeployment", Format = SettingFormat.UrlPath)]
    public string EndpointPath { get; init; } = "";

    /// <summary>The prompt sent with every request.</summary>
    [Setting("PROMPT", "Prompt sent with every inference request.", Default = "What is the capital of France?")]
    public string Prompt { get; init; } = "";

    /// <summary>The <c>max_tokens</c> sent with every request.</summary>
    [Setting("MAX_TOKENS", "max_tokens sent with every inference request.", Default = "50", Minimum = 1, Maximum = 100000)]
    public int MaxTokens { get; init; }

    /// <summary>The <c>temperature</c> sent with every request.</summary>
    [Setting("TEMPERATURE", "temperature sent with every inference request.", Default = "0.7", Minimum = 0, Maximum = 2)]
    public double Temperature { get; init; }

    /// <summary>The HTTP status of a successful response.</summary>
    [Setting("SUCCESS_STATUS", "HTTP status of a successful response.", Default = "200", Minimum = 100, Maximum = 599)]
    public int SuccessStatusCode { get; init; }

    /// <summary>The JSON field that must hold non-empty text in a successful response.</summary>
    [Setting("RESPONSE_TEXT_FIELD", "Top-level JSON field that must hold non-empty text in a successful response.",
        Default = "generated_text")]
    public string ResponseTextField { get; init; } = "";

    /// <summary>The Ray dashboard port on the head pod (state API).</summary>
    [Setting("RAY_DASHBOARD_PORT", "Ray dashboard port on the head pod, reached through the pod proxy.",
        Default = "8265", Minimum = 1, Maximum = 65535)]
    public int RayDashboardPort { get; init; }

    /// <summary>The Ray state API path that lists nodes and their state (ALIVE/DEAD).</summary>
    [Setting("RAY_NODES_PATH", "Ray state API path listing nodes and their state (workers must be ALIVE).",
        Default = "/api/v0/nodes", Format = SettingFormat.UrlPath)]
    public string RayNodesPath { get; init; } = "";

    /// <summary>What RollingUpgrade upgrades and where its connections go.</summary>
    [SettingsSection("UPGRADE", "Target: rolling upgrade")]
    public UpgradeSettings Upgrade { get; init; } = new();

    /// <summary>The three roles, head first.</summary>
    public IReadOnlyList<RoleSettings> Roles => [Head, Workers, Redis];

    /// <summary>The JSON body of an inference request: <c>{"prompt":..., "max_tokens":..., "temperature":...}</c>.</summary>
    public string CreateRequestBody() => new JsonObject
    {
        ["prompt"] = Prompt,
        ["max_tokens"] = MaxTokens,
        ["temperature"] = Temperature,
    }.ToJsonString();

    /// <summary>
    /// The success check: <see cref="SuccessStatusCode"/> and a JSON object whose
    /// <see cref="ResponseTextField"/> is a non-empty string.
    /// </summary>
    public bool IsSuccessfulResponse(int statusCode, string? body)
    {
        if (statusCode != SuccessStatusCode || string.IsNullOrEmpty(body))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty(ResponseTextField, out var text)
                && text.ValueKind == JsonValueKind.String
                && text.GetString()!.Length > 0;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
