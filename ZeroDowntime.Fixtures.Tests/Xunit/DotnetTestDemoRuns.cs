using System.Xml.Linq;
using Xunit;
using ZeroDowntime.Fixtures.Xunit.Demo;

namespace ZeroDowntime.Fixtures.Tests.Xunit;

/// <summary>
/// Runs the demo assembly through VSTest like a user would: the whole suite with TRX and JUnit,
/// <c>--filter Scenario=Demo</c>, and <c>--list-tests</c>. About 10 s in total.
/// </summary>
public sealed class DotnetTestDemoRuns : IAsyncLifetime
{
    private readonly string _work = Directory.CreateTempSubdirectory("zd-xunit-e2e-").FullName;

    internal DotnetTestRun Full { get; private set; } = null!;

    internal DotnetTestRun Filtered { get; private set; } = null!;

    internal DotnetTestRun Listed { get; private set; } = null!;

    /// <summary>Step bodies that ran in the full run, from the demo's journal file.</summary>
    public IReadOnlyList<string> Journal { get; private set; } = [];

    public XDocument FullTrx => XDocument.Load(Path.Combine(Full.ResultsDirectory, "demo.trx"));

    /// <summary>Written with <c>LogFilePath=out/{assembly}.xml</c>: relative to the directory dotnet test ran in.</summary>
    public XDocument FullJUnit => XDocument.Load(Path.Combine(_work, "full", "out", "ZeroDowntime.Fixtures.Xunit.Demo.xml"));

    public XDocument FilteredTrx => XDocument.Load(Path.Combine(Filtered.ResultsDirectory, "filtered.trx"));

    /// <summary>Written with <c>LogFileName=custom/Demo-{framework}.xml</c>: relative to the results directory; the logger spells net10.0 NETCoreApp100.</summary>
    public XDocument FilteredJUnit => XDocument.Load(Path.Combine(Filtered.ResultsDirectory, "custom", "Demo-NETCoreApp100.xml"));

    public async Task InitializeAsync()
    {
        var journal = Path.Combine(_work, "journal.txt");
        Full = await DotnetTestRun.StartAsync(
            Directory.CreateDirectory(Path.Combine(_work, "full")).FullName,
            new Dictionary<string, string> { [DemoJournal.FileVariable] = journal },
            "--logger", "trx;LogFileName=demo.trx", "--logger", "junit;LogFilePath=out/{assembly}.xml");
        Journal = File.Exists(journal) ? File.ReadAllLines(journal) : [];
        Filtered = await DotnetTestRun.StartAsync(
            Directory.CreateDirectory(Path.Combine(_work, "filtered")).FullName,
            new Dictionary<string, string>(),
            "--filter", "Scenario=Demo", "--logger", "trx;LogFileName=filtered.trx", "--logger", "junit;LogFileName=custom/Demo-{framework}.xml");
        Listed = await DotnetTestRun.StartAsync(
            Directory.CreateDirectory(Path.Combine(_work, "listed")).FullName,
            new Dictionary<string, string>(),
            "--list-tests");
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_work, recursive: true);
        return Task.CompletedTask;
    }
}
