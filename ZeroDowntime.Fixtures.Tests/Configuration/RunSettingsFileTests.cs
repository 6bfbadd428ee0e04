using System.Xml.Linq;
using FluentAssertions;
using Xunit;
using ZeroDowntime.Fixtures.Configuration;

namespace ZeroDowntime.Fixtures.Tests.Configuration;

public class RunSettingsFileTests
{
    private static readonly XDocument RunSettings =
        XDocument.Load(Path.Combine(SettingsTestSupport.RepositoryRoot(), ".runsettings"));

    [Fact]
    public void The_default_run_disables_parallelization_for_VSTest_and_xUnit()
    {
        var root = RunSettings.Element("RunSettings")!;

        root.Element("RunConfiguration")!.Element("DisableParallelization")!.Value.Should().Be("true");
        root.Element("xUnit")!.Element("ParallelizeTestCollections")!.Value.Should().Be("false");
        root.Element("xUnit")!.Element("ParallelizeAssembly")!.Value.Should().Be("false");
    }

    [Fact]
    public void The_session_timeout_leaves_room_for_the_local_suite_on_a_busy_machine()
    {
        var timeout = int.Parse(RunSettings.Element("RunSettings")!.Element("RunConfiguration")!.Element("TestSessionTimeout")!.Value);

        TimeSpan.FromMilliseconds(timeout).Should().BeGreaterThanOrEqualTo(TimeSpan.FromMinutes(20)).And.BeLessThanOrEqualTo(TimeSpan.FromHours(1));
    }

    [Fact]
    public void Every_ZD_variable_it_sets_is_a_known_setting_with_a_valid_value()
    {
        var variables = RunSettings.Descendants("EnvironmentVariables").Elements()
            .Where(e => e.Name.LocalName.StartsWith("ZD_", StringComparison.Ordinal))
            .Select(e => (e.Name.LocalName, (string?)e.Value))
            .ToArray();

        var load = () => SettingsTestSupport.Load(variables);

        load.Should().NotThrow();
        SettingsTestSupport.Load(variables).Cluster.Should().Be(ClusterMode.Local, "the default run uses the embedded cluster");
        SettingsTestSupport.Load(variables).Profile.Should().Be(ProfileName.Local);
    }
}
