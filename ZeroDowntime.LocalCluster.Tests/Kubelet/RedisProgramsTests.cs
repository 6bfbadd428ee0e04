using ZeroDowntime.LocalCluster.Kubelet;

namespace ZeroDowntime.LocalCluster.Tests.Kubelet;

/// <summary>What the kubelet runs for redis images, with the PATH it searches given explicitly (the test process's own PATH is untouched).</summary>
public sealed class RedisProgramsTests : IDisposable
{
    private static readonly string[] PodArgs = ["--bind", "127.10.0.7", "--port", "6379"];
    private readonly string _withRedis = NewDirectory();
    private readonly string _withoutRedis = NewDirectory();
    private readonly IReadOnlyDictionary<string, string> _placeholders = new KubeletOptions().Placeholders();

    public RedisProgramsTests()
    {
        // A stand-in redis-server that answers --version as the real one does.
        var fake = Path.Combine(_withRedis, "redis-server");
        File.WriteAllText(fake, "#!/bin/sh\necho 'Redis server v=9.9.1 sha=00000000:0 malloc=libc bits=64 build=0'\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    public void Dispose()
    {
        Directory.Delete(_withRedis, recursive: true);
        Directory.Delete(_withoutRedis, recursive: true);
    }

    [Fact]
    public void The_Garnet_stand_in_ships_next_to_the_local_cluster()
    {
        _placeholders.Should().ContainKey("GarnetDll").WhoseValue.Should().Be(GarnetStandInTests.StandInPath);
    }

    [Fact]
    public void Auto_runs_redis_server_when_it_is_on_PATH()
    {
        var resolution = Resolve(LocalRedis.Auto, _withRedis);

        resolution.Argv.Should().Equal([Path.Combine(_withRedis, "redis-server"), .. PodArgs]);
        resolution.Runs.Should().Be("redis-server 9.9.1");
    }

    [Fact]
    public void Auto_runs_Garnet_when_PATH_lacks_redis_server()
    {
        var resolution = Resolve(LocalRedis.Auto, _withoutRedis);

        resolution.Argv.Should().Equal([_placeholders["Dotnet"], _placeholders["GarnetDll"], .. PodArgs]);
        resolution.Runs.Should().MatchRegex(@"^Garnet \d+\.\d+\.\d+: redis-server is not installed$");
    }

    [Fact]
    public void Garnet_runs_Garnet_even_when_redis_server_is_on_PATH()
    {
        var resolution = Resolve(LocalRedis.Garnet, _withRedis);

        resolution.Argv.Should().Equal([_placeholders["Dotnet"], _placeholders["GarnetDll"], .. PodArgs]);
        resolution.Runs.Should().MatchRegex(@"^Garnet \d+\.\d+\.\d+: the kubelet is set to garnet$");
    }

    [Fact]
    public void Redis_server_without_redis_server_fails_with_the_install_hint()
    {
        var resolution = Resolve(LocalRedis.RedisServer, _withoutRedis);

        resolution.CanRun.Should().BeFalse();
        resolution.Reason.Should().Be("CreateContainerError");
        resolution.Message.Should().Be("image redis:7.2 maps to redis-server, which is not installed; apt-get install redis-server");
    }

    [Fact]
    public void Auto_without_redis_server_or_the_stand_in_fails_with_the_install_hint()
    {
        var noGarnet = _placeholders.Where(p => p.Key != "GarnetDll").ToDictionary();

        var resolution = ImageMappings.Resolve(RedisPrograms.ForImage(ImageMappings.Defaults, "redis:7.2", LocalRedis.Auto, noGarnet, _withoutRedis),
            "redis:7.2", null, PodArgs, noGarnet, _withoutRedis);

        resolution.Message.Should().Be("image redis:7.2 maps to redis-server, which is not installed; apt-get install redis-server");
    }

    [Fact]
    public void A_users_own_redis_mapping_listed_first_is_left_alone()
    {
        var mine = new ImageMapping("redis*", ["/bin/true"]);

        var mappings = RedisPrograms.ForImage([mine, .. ImageMappings.Defaults], "redis:7.2", LocalRedis.Garnet, _placeholders, _withRedis);

        mappings[0].Should().BeSameAs(mine);
        ImageMappings.Resolve(mappings, "redis:7.2", null, null, _placeholders).Runs.Should().BeNull();
    }

    [Fact]
    public void A_command_in_the_pod_replaces_the_chosen_program_and_the_event_names_none()
    {
        var mappings = RedisPrograms.ForImage(ImageMappings.Defaults, "redis:7.2", LocalRedis.Garnet, _placeholders, _withRedis);

        var resolution = ImageMappings.Resolve(mappings, "redis:7.2", ["sh", "-c", "true"], null, _placeholders);

        resolution.Argv![0].Should().EndWith("/sh");
        resolution.Runs.Should().BeNull();
    }

    [Theory]
    [InlineData("auto", LocalRedis.Auto)]
    [InlineData("redis-server", LocalRedis.RedisServer)]
    [InlineData("garnet", LocalRedis.Garnet)]
    public void The_three_values_parse(string value, LocalRedis expected)
    {
        RedisPrograms.TryParse(value, out var mode).Should().BeTrue();
        mode.Should().Be(expected);
    }

    [Theory]
    [InlineData("Garnet")]
    [InlineData("redis")]
    [InlineData("")]
    public void Anything_else_does_not_parse(string value)
    {
        RedisPrograms.TryParse(value, out _).Should().BeFalse();
    }

    private ImageResolution Resolve(LocalRedis mode, string searchPath) =>
        ImageMappings.Resolve(RedisPrograms.ForImage(ImageMappings.Defaults, "redis:7.2", mode, _placeholders, searchPath), "redis:7.2", null, PodArgs, _placeholders, searchPath);

    private static string NewDirectory() => Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "zd-path-" + Guid.NewGuid().ToString("N"))).FullName;
}
