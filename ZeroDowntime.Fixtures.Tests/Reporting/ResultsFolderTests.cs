using FluentAssertions;
using Xunit;
using ZeroDowntime.Fixtures.Reporting;

namespace ZeroDowntime.Fixtures.Tests.Reporting;

public sealed class ResultsFolderTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("zd-results-");

    [Fact]
    public void A_relative_folder_is_anchored_at_the_checkout_holding_the_solution()
    {
        File.WriteAllText(Path.Combine(_root.FullName, "ZeroDowntime.sln"), string.Empty);
        var bin = Directory.CreateDirectory(Path.Combine(_root.FullName, "ZeroDowntime.Tests", "bin", "Debug", "net10.0"));

        var path = ResultsFolder.Resolve("TestResults/zerodowntime-20250101-120000", bin.FullName, currentDirectory: "/elsewhere");

        path.Should().Be(Path.Combine(_root.FullName, "TestResults", "zerodowntime-20250101-120000"));
    }

    [Fact]
    public void Without_a_checkout_a_relative_folder_is_anchored_at_the_current_directory()
    {
        var bin = Directory.CreateDirectory(Path.Combine(_root.FullName, "published"));

        ResultsFolder.Resolve("out", bin.FullName, currentDirectory: _root.FullName).Should().Be(Path.Combine(_root.FullName, "out"));
    }

    [Fact]
    public void An_absolute_folder_is_used_as_is()
    {
        var absolute = Path.Combine(_root.FullName, "abs", "..", "reports");

        ResultsFolder.Resolve(absolute, "/nowhere").Should().Be(Path.Combine(_root.FullName, "reports"));
    }

    [Fact]
    public void The_test_run_itself_sits_in_this_checkout()
    {
        ResultsFolder.FindRepositoryRoot(AppContext.BaseDirectory).Should().NotBeNull()
            .And.Subject.Should().Match(root => File.Exists(Path.Combine(root!, "ZeroDowntime.sln")));
    }

    public void Dispose() => _root.Delete(recursive: true);
}
