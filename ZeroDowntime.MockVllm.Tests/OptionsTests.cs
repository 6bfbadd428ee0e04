using FluentAssertions;
using Xunit;

namespace ZeroDowntime.MockVllm.Tests;

public sealed class OptionsTests
{
    private static readonly Dictionary<string, string?> NoEnvironment = [];

    [Fact]
    public void Defaults_mirror_Ray_ports_and_keep_local_runs_fast()
    {
        var options = MockVllmOptions.Parse([], NoEnvironment);

        options.Role.Should().Be(NodeRole.Worker);
        options.ListenHost.Should().Be("0.0.0.0");
        options.ServePort.Should().Be(8000);
        options.DashboardPort.Should().Be(8265);
        options.AgentPort.Should().Be(52365);
        options.TokenLatency.Should().Be(TimeSpan.FromMilliseconds(2));
        options.Termination.Should().Be(TerminationMode.Graceful);
        options.HeadAddress.Should().BeNull();
        options.NodeId.Should().MatchRegex("^[0-9a-f]{56}$");
    }

    [Fact]
    public void Flags_win_over_environment_variables()
    {
        var environment = new Dictionary<string, string?>
        {
            ["ZD_ROLE"] = "head",
            ["ZD_SERVE_PORT"] = "9000",
            ["ZD_TOKEN_LATENCY_MS"] = "7",
            ["POD_NAME"] = "ray-head-abc",
        };

        var fromEnv = MockVllmOptions.Parse([], environment);
        var withFlags = MockVllmOptions.Parse(["--role=worker", "--port", "9100", "--token-latency-ms", "0.5", "--node-name", "flagged"], environment);

        fromEnv.Role.Should().Be(NodeRole.Head);
        fromEnv.ServePort.Should().Be(9000);
        fromEnv.TokenLatency.Should().Be(TimeSpan.FromMilliseconds(7));
        fromEnv.NodeName.Should().Be("ray-head-abc");
        withFlags.Role.Should().Be(NodeRole.Worker);
        withFlags.ServePort.Should().Be(9100);
        withFlags.TokenLatency.Should().Be(TimeSpan.FromMilliseconds(0.5));
        withFlags.NodeName.Should().Be("flagged");
    }

    [Fact]
    public void Worker_finds_the_head_through_the_head_service_env_vars()
    {
        var environment = new Dictionary<string, string?>
        {
            ["RAY_HEAD_SVC_SERVICE_HOST"] = "10.96.0.12",
            ["RAY_HEAD_SVC_SERVICE_PORT_DASHBOARD"] = "18265",
            ["MY_HEAD_SERVICE_HOST"] = "10.96.0.99",
        };

        MockVllmOptions.Parse([], environment).HeadAddress.Should().Be(new Uri("http://10.96.0.12:18265/"));
        MockVllmOptions.Parse(["--head-service", "my-head"], environment).HeadAddress.Should().Be(new Uri("http://10.96.0.99:8265/"));
        MockVllmOptions.Parse(["--head", "127.0.1.2"], environment).HeadAddress.Should().Be(new Uri("http://127.0.1.2:8265/"));
        MockVllmOptions.Parse(["--head", "http://127.0.1.2:9999"], environment).HeadAddress.Should().Be(new Uri("http://127.0.1.2:9999/"));
    }

    [Fact]
    public void Durations_redis_list_and_switches_parse()
    {
        var options = MockVllmOptions.Parse(
            ["--startup-delay", "1.5s", "--drain-timeout", "250ms", "--node-dead-timeout", "2m", "--heartbeat-interval", "3",
             "--abrupt", "--fail-readiness", "--unhealthy-after", "10s", "--redis", "redis://r-0:6379, r-1:6380", "--agent-port", "off"],
            new Dictionary<string, string?> { ["REDIS_PASSWORD"] = "s3cret", ["RAY_external_storage_namespace"] = "uid-1" });

        options.StartupDelay.Should().Be(TimeSpan.FromSeconds(1.5));
        options.DrainTimeout.Should().Be(TimeSpan.FromMilliseconds(250));
        options.NodeDeadTimeout.Should().Be(TimeSpan.FromMinutes(2));
        options.HeartbeatInterval.Should().Be(TimeSpan.FromSeconds(3));
        options.Termination.Should().Be(TerminationMode.Abrupt);
        options.FailReadiness.Should().BeTrue();
        options.UnhealthyAfter.Should().Be(TimeSpan.FromSeconds(10));
        options.RedisAddresses.Should().Equal("r-0:6379", "r-1:6380");
        options.RedisPassword.Should().Be("s3cret");
        options.RedisKey.Should().Be("zd-mockvllm:uid-1:nodes");
        options.AgentPort.Should().BeNull();
        options.RedisSentinels.Should().BeEmpty();
        options.RedisMasterName.Should().Be("mymaster");
    }

    [Fact]
    public void Sentinels_and_the_master_name_parse_from_flags_and_env()
    {
        var fromFlags = MockVllmOptions.Parse(["--redis-sentinel", "s-0:26379, s-1:26380", "--redis-master-name", "gcs"], NoEnvironment);
        var fromEnv = MockVllmOptions.Parse([], new Dictionary<string, string?> { ["ZD_REDIS_SENTINEL"] = "s-0:26379", ["ZD_REDIS_MASTER_NAME"] = "gcs" });

        fromFlags.RedisSentinels.Should().Equal("s-0:26379", "s-1:26380");
        fromFlags.RedisMasterName.Should().Be("gcs");
        fromFlags.PersistsMembership.Should().BeTrue("Sentinels alone are enough to keep membership");
        fromEnv.RedisSentinels.Should().Equal("s-0:26379");
        fromEnv.RedisMasterName.Should().Be("gcs");
    }

    [Theory]
    [InlineData(new[] { "--bogus" }, "Unknown flag '--bogus'; see --help.")]
    [InlineData(new[] { "--port" }, "Flag '--port' needs a value.")]
    [InlineData(new[] { "--role", "leader" }, "Invalid value 'leader' for --role: expected worker or head.")]
    [InlineData(new[] { "--drain-timeout", "soon" }, "Invalid value 'soon' for --drain-timeout: expected a duration such as 250ms, 1.5s or 2m.")]
    [InlineData(new[] { "--redis", "r-0" }, "Invalid value 'r-0' for --redis: expected host:port[,host:port...].")]
    [InlineData(new[] { "--redis-sentinel", "s-0:x" }, "Invalid value 's-0:x' for --redis-sentinel: expected host:port[,host:port...].")]
    [InlineData(new[] { "serve" }, "Unexpected argument 'serve': flags start with --; see --help.")]
    public void Bad_input_fails_with_one_clear_sentence(string[] args, string message)
    {
        var parse = () => MockVllmOptions.Parse(args, NoEnvironment);

        parse.Should().Throw<MockVllmOptionsException>().Which.Message.Should().Be(message);
    }

    [Fact]
    public void Every_flag_and_env_var_is_in_the_help_and_in_the_docs()
    {
        var docs = File.ReadAllText(FindRepoFile("docs/mock-vllm.md"));
        var help = MockVllmOptions.HelpText;

        foreach (var option in Configuration.OptionCatalog.All)
        {
            help.Should().Contain("--" + option.Flag);
            docs.Should().Contain("--" + option.Flag, "docs/mock-vllm.md must document every flag");
            foreach (var env in option.EnvironmentVariables)
            {
                help.Should().Contain(env);
                docs.Should().Contain(env, "docs/mock-vllm.md must document every env var");
            }
        }
    }

    private static string FindRepoFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException($"{relative} not found above {AppContext.BaseDirectory}.");
    }
}
