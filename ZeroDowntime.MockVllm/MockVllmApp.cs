using System.Collections;
using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using ZeroDowntime.MockVllm.Connections;
using ZeroDowntime.MockVllm.Lifecycle;
using ZeroDowntime.MockVllm.Membership;
using ZeroDowntime.MockVllm.Redis;
using ZeroDowntime.MockVllm.Serving;

namespace ZeroDowntime.MockVllm;

/// <summary>
/// Builds and runs a MockVllm node: a stand-in for a Ray Serve vLLM worker or head.
/// </summary>
/// <example>
/// In-process (tests), on free loopback ports:
/// <code>
/// await using var app = MockVllmApp.Build(["--host", "127.0.0.1", "--port", "0", "--agent-port", "0"]);
/// await app.StartAsync();
/// var serve = app.Services.GetRequiredService&lt;MockVllmEndpoints&gt;().ServeUri;
/// </code>
/// As a process: <c>dotnet ZeroDowntime.MockVllm.dll --role head --redis 127.0.0.1:6379</c>.
/// </example>
public static class MockVllmApp
{
    /// <summary>
    /// Builds a node from flags and an environment (default: this process's), writing its event log to
    /// <paramref name="log"/> (default stdout). It does not handle signals; use <see cref="BeginDrainAsync"/> instead.
    /// </summary>
    public static WebApplication Build(IReadOnlyList<string> args, IReadOnlyDictionary<string, string?>? environment = null, TextWriter? log = null) =>
        Build(MockVllmOptions.Parse(args, environment ?? CurrentEnvironment()), log ?? Console.Out, handleSignals: false);

    /// <summary>Starts the graceful drain SIGTERM would start (in-process tests); completes when the drain has finished.</summary>
    public static Task BeginDrainAsync(WebApplication app, string reason = "drain request") =>
        app.Services.GetRequiredService<DrainCoordinator>().DrainAsync(reason);

    /// <summary>The process entry point: parses, runs until SIGTERM/SIGINT has drained, returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        if (args is [ConnectionClientCommand.Name, .. var clientArgs])
        {
            return await ConnectionClientCommand.RunAsync(clientArgs, CurrentEnvironment(), Console.Out, Console.Error);
        }

        MockVllmOptions options;
        try
        {
            options = MockVllmOptions.Parse(args, CurrentEnvironment());
        }
        catch (MockVllmOptionsException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 2;
        }
        if (options.ShowHelp)
        {
            await Console.Out.WriteAsync(MockVllmOptions.HelpText);
            return 0;
        }
        var app = Build(options, Console.Out, handleSignals: true);
        var log = app.Services.GetRequiredService<EventLog>();
        // RunAsync disposes the service provider, so take what is needed afterwards now.
        var drain = app.Services.GetRequiredService<DrainCoordinator>();
        int exitCode;
        try
        {
            await app.RunAsync();
            exitCode = drain.ExitCode;
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or System.Net.Sockets.SocketException)
        {
            log.Write($"failed: {ex.Message}");
            exitCode = 1;
        }
        finally
        {
            await app.DisposeAsync();
        }
        log.Write($"exiting with code {exitCode}");
        return exitCode;
    }

    internal static WebApplication Build(MockVllmOptions options, TextWriter logWriter, bool handleSignals)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));

        var endpoints = new MockVllmEndpoints();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            var address = ResolveListenAddress(options.ListenHost);
            kestrel.Listen(address, options.ServePort, listen => endpoints.Capture("serve", listen));
            if (options.AgentPort is { } agentPort)
            {
                kestrel.Listen(address, agentPort, listen => endpoints.Capture("agent", listen));
            }
            if (options.Role == NodeRole.Head && options.DashboardPort is { } dashboardPort)
            {
                kestrel.Listen(address, dashboardPort, listen => endpoints.Capture("dashboard", listen));
            }
        });

        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(endpoints);
        services.AddSingleton(new EventLog(logWriter, options.NodeName));
        services.AddSingleton<ServiceState>();
        services.AddSingleton<DrainCoordinator>();
        services.AddSingleton<IHostLifetime>(sp => new SignalLifetime(handleSignals, sp.GetRequiredService<DrainCoordinator>()));
        services.AddHostedService<ModelLoader>();
        services.AddSingleton<ConnectionServer>();
        services.AddHostedService(sp => sp.GetRequiredService<ConnectionServer>());
        if (options.Role == NodeRole.Head)
        {
            services.AddSingleton(sp => new ClusterMembership(options, sp.GetRequiredService<EventLog>(), TimeProvider.System));
            services.AddHostedService<DeadNodeMonitor>();
            if (options.PersistsMembership)
            {
                services.AddSingleton<RedisSentinels>();
                services.AddSingleton<RedisMembershipStore>();
                services.AddHostedService<MembershipPersistence>();
            }
        }
        else if (options.HeadAddress is not null)
        {
            services.AddSingleton<HeadHeartbeatService>();
            services.AddHostedService(sp => sp.GetRequiredService<HeadHeartbeatService>());
        }

        var app = builder.Build();
        InferenceEndpoint.Map(app);
        HealthEndpoints.Map(app, options);
        if (options.Role == NodeRole.Head)
        {
            MembershipEndpoints.Map(app);
        }
        app.Lifetime.ApplicationStarted.Register(() => LogStarted(app, options, endpoints));
        return app;
    }

    private static void LogStarted(WebApplication app, MockVllmOptions options, MockVllmEndpoints endpoints)
    {
        var log = app.Services.GetRequiredService<EventLog>();
        log.Write($"started role={options.Role.ToString().ToLowerInvariant()} node_id={options.NodeId} node_ip={options.NodeIp} pid={Environment.ProcessId} " +
                  $"termination={options.Termination.ToString().ToLowerInvariant()} token_latency_ms={options.TokenLatency.TotalMilliseconds:0.###} cpu_per_token_ms={options.CpuPerToken.TotalMilliseconds:0.###}");
        var listening = $"listening on {endpoints.ServeUri} (serve)";
        listening += endpoints.AgentUri is { } agent ? $", {agent} (agent)" : "";
        listening += endpoints.DashboardUri is { } dashboard ? $", {dashboard} (dashboard)" : "";
        log.Write(listening);
        if (options.Role == NodeRole.Worker && options.HeadAddress is null)
        {
            log.Write("no head address (--head, ZD_HEAD_ADDRESS or the head Service env vars): running without cluster membership");
        }
        if (options.Role == NodeRole.Head)
        {
            log.Write(options.RedisSentinels.Count > 0
                ? $"keeping membership under {options.RedisKey} in the redis primary {options.RedisMasterName} that sentinels {string.Join(",", options.RedisSentinels)} name" +
                  (options.RedisAddresses.Count > 0 ? $", else in redis {string.Join(",", options.RedisAddresses)}" : "")
                : options.RedisAddresses.Count > 0
                ? $"keeping membership in redis {string.Join(",", options.RedisAddresses)} under {options.RedisKey}"
                : "no redis configured: membership is lost when the head restarts");
        }
    }

    private static IPAddress ResolveListenAddress(string host) =>
        host switch
        {
            "0.0.0.0" or "*" or "+" => IPAddress.Any,
            "::" => IPAddress.IPv6Any,
            "localhost" => IPAddress.Loopback,
            _ when IPAddress.TryParse(host, out var parsed) => parsed,
            _ => Dns.GetHostAddresses(host).FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
                 ?? throw new MockVllmOptionsException($"Invalid value '{host}' for --host: it does not resolve to an IPv4 address."),
        };

    private static Dictionary<string, string?> CurrentEnvironment() =>
        Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .ToDictionary(entry => (string)entry.Key, entry => entry.Value as string, StringComparer.Ordinal);
}
