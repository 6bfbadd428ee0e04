using System.Globalization;
using System.Text;
using ZeroDowntime.MockVllm.Configuration;

namespace ZeroDowntime.MockVllm;

public sealed partial class MockVllmOptions
{
    /// <summary>The --help text: every flag with its env vars and default.</summary>
    public static string HelpText
    {
        get
        {
            var text = new StringBuilder();
            text.AppendLine("Usage: ZeroDowntime.MockVllm [--flag value | --flag=value]...");
            text.AppendLine("A stand-in for a Ray Serve vLLM node. Flags win over environment variables.");
            text.AppendLine();
            foreach (var option in OptionCatalog.All)
            {
                var env = option.EnvironmentVariables.Length == 0 ? "" : $" [env {string.Join(", ", option.EnvironmentVariables)}]";
                text.AppendLine($"  --{option.Flag}{(option.IsSwitch ? "" : " VALUE")}{env}");
                text.AppendLine($"      {option.Help}");
            }
            text.AppendLine();
            text.AppendLine("Durations take ms, s or m (250ms, 1.5s, 2m); a bare number means seconds.");
            return text.ToString();
        }
    }

    /// <summary>
    /// Reads the settings from <paramref name="args"/> and <paramref name="environment"/>; flags win.
    /// Throws <see cref="MockVllmOptionsException"/> naming the flag and value on bad input.
    /// </summary>
    public static MockVllmOptions Parse(IReadOnlyList<string> args, IReadOnlyDictionary<string, string?> environment)
    {
        var raw = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var option in OptionCatalog.All)
        {
            var fromEnv = option.EnvironmentVariables
                .Select(name => environment.TryGetValue(name, out var value) ? value : null)
                .FirstOrDefault(value => !string.IsNullOrWhiteSpace(value));
            if (fromEnv is not null)
            {
                raw[option.Flag] = fromEnv.Trim();
            }
        }
        ReadFlags(args, raw);
        return FromRaw(raw, environment);
    }

    private static void ReadFlags(IReadOnlyList<string> args, Dictionary<string, string> raw)
    {
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                throw new MockVllmOptionsException($"Unexpected argument '{arg}': flags start with --; see --help.");
            }
            var body = arg[2..];
            string? inlineValue = null;
            var equals = body.IndexOf('=');
            if (equals >= 0)
            {
                inlineValue = body[(equals + 1)..];
                body = body[..equals];
            }
            var option = OptionCatalog.Find(body)
                ?? throw new MockVllmOptionsException($"Unknown flag '--{body}'; see --help.");
            if (option.IsSwitch)
            {
                raw[option.Flag] = inlineValue ?? "true";
                continue;
            }
            if (inlineValue is null)
            {
                if (i + 1 >= args.Count)
                {
                    throw new MockVllmOptionsException($"Flag '--{option.Flag}' needs a value.");
                }
                inlineValue = args[++i];
            }
            raw[option.Flag] = inlineValue;
        }
    }

    private static MockVllmOptions FromRaw(Dictionary<string, string> raw, IReadOnlyDictionary<string, string?> environment)
    {
        string? Get(string flag) => raw.TryGetValue(flag, out var value) ? value : null;

        var role = Get("role") is { } r ? ParseEnum<NodeRole>("role", r) : NodeRole.Worker;
        var listenHost = Get("host") ?? "0.0.0.0";
        var termination = Get("termination") is { } t ? ParseEnum<TerminationMode>("termination", t) : TerminationMode.Graceful;
        if (Get("abrupt") is { } abrupt && ParseBool("abrupt", abrupt))
        {
            termination = TerminationMode.Abrupt;
        }
        var defaults = new MockVllmOptions();
        return new MockVllmOptions
        {
            Role = role,
            ListenHost = listenHost,
            ServePort = Get("port") is { } p ? ParsePort("port", p) ?? throw Bad("port", p) : DefaultServePort,
            DashboardPort = Get("dashboard-port") is { } d ? ParsePort("dashboard-port", d) : DefaultDashboardPort,
            AgentPort = Get("agent-port") is { } a ? ParsePort("agent-port", a) : DefaultAgentPort,
            ConnectionPort = Get("connection-port") is { } c ? ParsePort("connection-port", c) : null,
            HeadAddress = role == NodeRole.Head ? null : ResolveHead(Get("head"), Get("head-service") ?? DefaultHeadService, environment),
            NodeName = Get("node-name") ?? Environment.MachineName,
            NodeId = Get("node-id") is { } id ? ParseNodeId(id) : NewNodeId(),
            NodeIp = Get("node-ip") ?? (listenHost is "0.0.0.0" or "::" or "*" ? "127.0.0.1" : listenHost),
            StartupDelay = Get("startup-delay") is { } sd ? ParseDuration("startup-delay", sd) : defaults.StartupDelay,
            TokenLatency = Get("token-latency-ms") is { } tl ? ParseMilliseconds("token-latency-ms", tl) : defaults.TokenLatency,
            CpuPerToken = Get("cpu-per-token-ms") is { } cpt ? ParseMilliseconds("cpu-per-token-ms", cpt) : defaults.CpuPerToken,
            Termination = termination,
            DrainTimeout = Get("drain-timeout") is { } dt ? ParseDuration("drain-timeout", dt) : defaults.DrainTimeout,
            FailReadiness = Get("fail-readiness") is { } fr && ParseBool("fail-readiness", fr),
            UnhealthyAfter = Get("unhealthy-after") is { } ua && !IsOff(ua) ? ParseDuration("unhealthy-after", ua) : null,
            HeartbeatInterval = Get("heartbeat-interval") is { } hi ? ParsePositiveDuration("heartbeat-interval", hi) : defaults.HeartbeatInterval,
            NodeDeadTimeout = Get("node-dead-timeout") is { } nd ? ParsePositiveDuration("node-dead-timeout", nd) : defaults.NodeDeadTimeout,
            HeadMaxBackoff = Get("head-max-backoff") is { } mb ? ParsePositiveDuration("head-max-backoff", mb) : defaults.HeadMaxBackoff,
            RedisAddresses = Get("redis") is { } redis ? ParseRedisAddresses("redis", redis) : [],
            RedisSentinels = Get("redis-sentinel") is { } sentinels ? ParseRedisAddresses("redis-sentinel", sentinels) : [],
            RedisMasterName = Get("redis-master-name") is { Length: > 0 } masterName ? masterName : "mymaster",
            RedisPassword = Get("redis-password"),
            RedisNamespace = Get("redis-namespace") ?? "default",
            ShowHelp = Get("help") is { } h && ParseBool("help", h),
        };
    }

    private static Uri? ResolveHead(string? head, string headService, IReadOnlyDictionary<string, string?> environment)
    {
        if (!string.IsNullOrWhiteSpace(head))
        {
            return ParseHeadAddress(head);
        }
        // Kubernetes injects <SERVICE>_SERVICE_HOST / _SERVICE_PORT_<PORTNAME> for Services that exist when the pod starts.
        var prefix = headService.ToUpperInvariant().Replace('-', '_');
        if (!environment.TryGetValue(prefix + "_SERVICE_HOST", out var host) || string.IsNullOrWhiteSpace(host))
        {
            return null;
        }
        var port = environment.TryGetValue(prefix + "_SERVICE_PORT_DASHBOARD", out var named) && !string.IsNullOrWhiteSpace(named)
            ? named
            : DefaultDashboardPort.ToString(CultureInfo.InvariantCulture);
        return ParseHeadAddress($"{host}:{port}");
    }

    private static Uri ParseHeadAddress(string value)
    {
        var text = value.Contains("://", StringComparison.Ordinal) ? value : "http://" + value;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw Bad("head", value);
        }
        // A bare host means the dashboard's default port, not HTTP's 80.
        if (!value.Contains("://", StringComparison.Ordinal) && !HasExplicitPort(value))
        {
            uri = new UriBuilder(uri) { Port = DefaultDashboardPort }.Uri;
        }
        return uri;
    }

    private static bool HasExplicitPort(string hostAndMaybePort)
    {
        var colon = hostAndMaybePort.LastIndexOf(':');
        return colon > 0 && hostAndMaybePort.IndexOf(']') < colon && int.TryParse(hostAndMaybePort[(colon + 1)..].TrimEnd('/'), out _);
    }

    private static IReadOnlyList<string> ParseRedisAddresses(string flag, string value)
    {
        var addresses = new List<string>();
        foreach (var part in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var address = part.StartsWith("redis://", StringComparison.OrdinalIgnoreCase) ? part["redis://".Length..].TrimEnd('/') : part;
            var colon = address.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(address[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            {
                throw new MockVllmOptionsException($"Invalid value '{part}' for --{flag}: expected host:port[,host:port...].");
            }
            addresses.Add(address);
        }
        return addresses;
    }
}
