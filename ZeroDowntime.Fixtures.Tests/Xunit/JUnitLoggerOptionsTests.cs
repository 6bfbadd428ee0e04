using FluentAssertions;
using Microsoft.VisualStudio.TestPlatform.ObjectModel;
using Xunit;
using ZeroDowntime.JUnit.TestLogger;

namespace ZeroDowntime.Fixtures.Tests.Xunit;

public sealed class JUnitLoggerOptionsTests
{
    private static readonly string RunDirectory = Path.Combine(Path.GetTempPath(), "zd-results");

    [Fact]
    public void By_default_each_assembly_gets_its_file_in_the_results_directory()
    {
        var options = Options();

        options.OneFilePerAssembly.Should().BeTrue();
        options.PathFor("ZeroDowntime.Tests").Should().Be(Path.Combine(RunDirectory, "ZeroDowntime.Tests.junit.xml"));
    }

    [Fact]
    public void Log_file_name_is_relative_to_the_results_directory_and_may_use_tokens()
        => Options((JUnitLoggerOptions.LogFileNameKey, "junit/{assembly}-{framework}.xml"))
            .PathFor("ZeroDowntime.Tests")
            .Should().Be(Path.Combine(RunDirectory, "junit", "ZeroDowntime.Tests-net10.0.xml"));

    [Fact]
    public void Log_file_path_wins_and_without_the_assembly_token_means_one_file()
    {
        var path = Path.Combine(Path.GetTempPath(), "all.{framework}.xml");

        var options = Options((JUnitLoggerOptions.LogFileNameKey, "ignored.xml"), (JUnitLoggerOptions.LogFilePathKey, path));

        options.OneFilePerAssembly.Should().BeFalse();
        options.PathFor("whatever").Should().Be(Path.Combine(Path.GetTempPath(), "all.net10.0.xml"));
    }

    [Theory]
    [InlineData(".NETCoreApp,Version=v10.0", "net10.0")]
    [InlineData(".NETFramework,Version=v4.8", "net48")]
    [InlineData(null, "unknown")]
    public void Target_frameworks_read_as_short_monikers(string? framework, string expected)
        => JUnitLoggerOptions.ShortFramework(framework).Should().Be(expected);

    private static JUnitLoggerOptions Options(params (string Key, string Value)[] extra)
    {
        var parameters = new Dictionary<string, string?>
        {
            [DefaultLoggerParameterNames.TestRunDirectory] = RunDirectory,
            [DefaultLoggerParameterNames.TargetFramework] = ".NETCoreApp,Version=v10.0",
        };
        foreach (var (key, value) in extra)
        {
            parameters[key] = value;
        }

        return JUnitLoggerOptions.FromParameters(parameters);
    }
}
