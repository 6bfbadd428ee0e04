using FluentAssertions;
using Xunit;
using ZeroDowntime.Fixtures.Measurement;
using ZeroDowntime.Fixtures.Reporting;
using static ZeroDowntime.Fixtures.Tests.Reporting.SampleResults;

namespace ZeroDowntime.Fixtures.Tests.Reporting;

/// <summary>Raw timelines grow on disk while the scenario runs, in the formats the final files have.</summary>
public sealed class RawTimelineFlusherTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("zd-flusher-");
    private readonly List<AttemptRecord> _load = [];
    private readonly List<AttemptRecord> _probe = [];
    private readonly List<ClusterEvent> _events = [];

    private RawTimelineSources Sources => new([() => _load.ToList(), () => _probe.ToList()], () => _events.ToList());

    private static AttemptRecord Attempt(string source, long k) =>
        new(source, k, At(k * 0.1), TimeSpan.FromMilliseconds(5), AttemptOutcome.Success, 200, AttemptErrorKind.None, null);

    [Fact]
    public async Task Each_flush_appends_only_what_is_new_and_the_files_read_back()
    {
        await using var flusher = RawTimelineFlusher.Start(_dir.FullName, "node_drain", Sources, ReportFileSystem.Default, _ => { });
        _load.AddRange([Attempt(AttemptSources.BuiltInLoad, 0), Attempt(AttemptSources.BuiltInLoad, 1)]);
        _probe.Add(Attempt(AttemptSources.Probe, 0));
        _events.Add(new ClusterEvent(At(0), ClusterEventKind.Marker, Detail: "load and probe started"));
        await flusher.FlushAsync();
        _load.Add(Attempt(AttemptSources.BuiltInLoad, 2));
        await flusher.FlushAsync();

        var attempts = await RequestsCsv.ReadAsync(Path.Combine(_dir.FullName, "node_drain.requests.csv"));
        attempts.Select(a => (a.Source, a.Sequence)).Should().Equal(
            (AttemptSources.BuiltInLoad, 0L), (AttemptSources.BuiltInLoad, 1L), (AttemptSources.Probe, 0L), (AttemptSources.BuiltInLoad, 2L));
        (await EventsJsonl.ReadAsync(Path.Combine(_dir.FullName, "node_drain.events.jsonl"))).Should().ContainSingle().Which.Detail.Should().Be("load and probe started");
    }

    [Fact]
    public async Task The_periodic_flush_writes_without_being_asked_within_a_few_intervals()
    {
        await using var flusher = RawTimelineFlusher.Start(_dir.FullName, "node_drain", Sources, ReportFileSystem.Default, _ => { });
        _load.Add(Attempt(AttemptSources.BuiltInLoad, 0));
        var path = Path.Combine(_dir.FullName, "node_drain.requests.csv");

        // Named deadline: five flush intervals, generous on a loaded 2-core machine; polled because a file has no change event here.
        var deadline = DateTime.UtcNow + (RawTimelineFlusher.Interval * 5);
        while (!File.Exists(path) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        (await RequestsCsv.ReadAsync(path)).Should().ContainSingle();
    }

    [Fact]
    public async Task A_full_disk_is_reported_once_and_the_scenario_goes_on()
    {
        var reports = new List<string>();
        var flusher = RawTimelineFlusher.Start(_dir.FullName, "node_drain", Sources, new FullDisk("node_drain.requests.csv"), reports.Add);
        _load.Add(Attempt(AttemptSources.BuiltInLoad, 0));

        await flusher.FlushAsync();
        await flusher.FlushAsync();
        await flusher.DisposeAsync();

        reports.Should().Equal($"Could not append to {Path.Combine(_dir.FullName, "node_drain.requests.csv")} (no space left on device (ENOSPC)); " +
                               "what was flushed before stays, and the scenario goes on.\n");
    }

    public void Dispose() => _dir.Delete(recursive: true);
}
