using FluentAssertions;
using ZeroDowntime.LocalCluster.Kubelet;
using Xunit;

namespace ZeroDowntime.LocalCluster.Tests.Kubelet;

public sealed class ImageMappingsTests
{
    private static readonly Dictionary<string, string> Placeholders = new() { ["Dotnet"] = "/bin/sh", ["MockVllmDll"] = "/opt/mock.dll", ["AppDir"] = "/opt" };

    [Theory]
    [InlineData("zerodowntime/mock-vllm:latest")]
    [InlineData("docker.io/zerodowntime/mock-vllm:dev")]
    [InlineData("ghcr.io/acme/mock-vllm@sha256:abc")]
    public void MockVllm_images_run_the_MockVllm_assembly_with_dotnet(string image)
    {
        var resolution = ImageMappings.Resolve(ImageMappings.Defaults, image, null, ["--role", "head"], Placeholders);

        resolution.CanRun.Should().BeTrue();
        resolution.Argv.Should().Equal("/bin/sh", "/opt/mock.dll", "--role", "head");
    }

    [Fact]
    public void Redis_images_use_the_builtin_redis_mapping_with_and_without_the_registry_prefix()
    {
        // Which program runs behind it (redis-server or Garnet, with the pod args appended) is RedisProgramsTests' subject.
        ImageMappings.Find(ImageMappings.Defaults, "docker.io/library/redis:7.2").Should().BeSameAs(ImageMappings.Redis);
        ImageMappings.Find(ImageMappings.Defaults, "redis:7.2").Should().BeSameAs(ImageMappings.Redis);
        ImageMappings.Redis.Entrypoint.Should().Equal("redis-server");
    }

    [Fact]
    public void An_unknown_image_is_never_faked_and_the_message_names_it()
    {
        var resolution = ImageMappings.Resolve(ImageMappings.Defaults, "grafana/k6:0.49.0", null, null, Placeholders);

        resolution.CanRun.Should().BeFalse();
        resolution.Reason.Should().Be("ErrImagePull");
        resolution.Message.Should().Be("the local cluster cannot run image grafana/k6:0.49.0; add an image mapping");
    }

    [Fact]
    public void A_mapped_executable_that_is_missing_says_how_to_install_it()
    {
        var mappings = new[] { new ImageMapping("redis*", ["zd-no-such-redis-server"]) { InstallHint = "apt-get install redis-server" } };

        var resolution = ImageMappings.Resolve(mappings, "redis:7.2", null, null, Placeholders);

        resolution.Reason.Should().Be("CreateContainerError");
        resolution.Message.Should().Be("image redis:7.2 maps to zd-no-such-redis-server, which is not installed; apt-get install redis-server");
    }

    [Fact]
    public void Command_replaces_the_entrypoint_and_drops_cmd_while_args_replace_cmd()
    {
        var mappings = new[] { new ImageMapping("tool", ["/bin/echo", "entry"]) { Cmd = ["default-cmd"] } };

        ImageMappings.Resolve(mappings, "tool", null, null, Placeholders).Argv.Should().Equal("/bin/echo", "entry", "default-cmd");
        ImageMappings.Resolve(mappings, "tool", null, ["a"], Placeholders).Argv.Should().Equal("/bin/echo", "entry", "a");
        ImageMappings.Resolve(mappings, "tool", ["sh", "-c", "true"], null, Placeholders).Argv.Should().Equal(ImageMappings.FindExecutable("sh"), "-c", "true");
        ImageMappings.Resolve(mappings, "tool", ["sh"], ["-c", "exit 0"], Placeholders).Argv.Should().Equal(ImageMappings.FindExecutable("sh"), "-c", "exit 0");
    }

    [Fact]
    public void Mappings_load_from_a_json_file_and_win_when_listed_first()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, """{"imageMappings":[{"image":"acme/api*","entrypoint":["/bin/true"],"cmd":["--serve"],"env":{"MODE":"local"}}]}""");
            var mappings = ImageMappings.LoadFile(file).Concat(ImageMappings.Defaults).ToList();

            var resolution = ImageMappings.Resolve(mappings, "acme/api:1", null, null, Placeholders);

            resolution.Argv.Should().Equal("/bin/true", "--serve");
            resolution.Env.Should().Contain("MODE", "local");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void A_malformed_mapping_file_is_rejected_with_its_path()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, """{"mappings":[]}""");

            var load = () => ImageMappings.LoadFile(file);

            load.Should().Throw<InvalidDataException>().WithMessage($"Image mapping file '{file}' is not valid:*");
        }
        finally
        {
            File.Delete(file);
        }
    }
}
