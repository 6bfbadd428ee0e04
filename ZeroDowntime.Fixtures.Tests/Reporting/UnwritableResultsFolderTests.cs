using FluentAssertions;
using Xunit;
using ZeroDowntime.Fixtures.Cluster;
using ZeroDowntime.Fixtures.Configuration;
using ZeroDowntime.Fixtures.Reporting;

namespace ZeroDowntime.Fixtures.Tests.Reporting;

/// <summary>
/// A results folder that cannot be written fails the run before anything is started, in one sentence naming the
/// path, the setting and the OS error. The tests run as root here, and chmod does not stop root, so the folder is
/// made unwritable the one way that stops root too without mounts: its parent is a regular file (ENOTDIR).
/// </summary>
public sealed class UnwritableResultsFolderTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("zd-unwritable-");

    private string UnderAFile()
    {
        var file = Path.Combine(_root.FullName, "a-file");
        File.WriteAllText(file, "not a folder");
        return Path.Combine(file, "results");
    }

    [Fact]
    public void A_folder_whose_parent_is_a_file_is_refused_in_one_sentence_naming_the_path_the_setting_and_the_OS_error()
    {
        var path = UnderAFile();
        var settings = ZeroDowntimeSettings.Load(new Dictionary<string, string?> { ["ZD_RESULTS_DIR"] = path });

        var act = () => ResultsFolder.Create(settings);

        act.Should().Throw<ZeroDowntimeConfigurationException>().Which.Message.Should().Be(
            $"The results folder {path} cannot be written ({Path.GetDirectoryName(path)} is a file, not a folder (ENOTDIR)); " +
            "set ZD_RESULTS_DIR to a writable folder (nothing was started or disrupted).");
    }

    [Fact]
    public void A_writable_folder_is_created_and_left_without_the_probe_file()
    {
        var path = Path.Combine(_root.FullName, "fine", "results");

        ResultsFolder.Create(ZeroDowntimeSettings.Load(new Dictionary<string, string?> { ["ZD_RESULTS_DIR"] = path })).Should().Be(path);

        Directory.Exists(path).Should().BeTrue();
        Directory.GetFileSystemEntries(path).Should().BeEmpty("the write test cleans up after itself");
    }

    [Fact]
    public async Task The_cluster_fixture_fails_before_it_starts_a_cluster()
    {
        var path = UnderAFile();
        var log = new List<string>();
        var fixture = ClusterFixture.WithOptions(new ClusterFixtureOptions
        {
            Settings = ZeroDowntimeSettings.Load(new Dictionary<string, string?> { ["ZD_RESULTS_DIR"] = path }),
            Log = log.Add,
        });

        var act = fixture.InitializeAsync;

        (await act.Should().ThrowAsync<ZeroDowntimeConfigurationException>()).Which.Message.Should().StartWith($"The results folder {path} cannot be written (");
        log.Should().BeEmpty("nothing may start, connect or disrupt before the results folder is known to be writable");
        await fixture.DisposeAsync();
    }

    public void Dispose() => _root.Delete(recursive: true);
}
