using ZeroDowntime.Fixtures.Load;
using ZeroDowntime.Fixtures.Measurement;
using ZeroDowntime.Fixtures.Reporting;

namespace ZeroDowntime.Fixtures.Scenarios;

// The load generator dying mid-run (the k6 pod failed or was deleted, a built-in worker threw) is recorded with its
// time; the scenario keeps the attempts from before it, and the load-based verdicts say what happened instead of
// quoting a success rate over a load that stopped half-way.
public sealed partial class DisruptionRun
{
    private readonly Lock _loadStopGate = new();

    /// <summary>When the load generator stopped by itself before the scenario stopped it; null while it runs or when it ran to the end.</summary>
    public LoadGeneratorStop? LoadGeneratorStopped => Result.Timeline.LoadGeneratorStopped;

    private async Task WatchLoadAsync(ILoadGenerator load)
    {
        try
        {
            await load.Completion.ConfigureAwait(false);
            if (!Volatile.Read(ref _loadStopRequested))
            {
                // Ended without being asked: k6 stopped by a SIGTERM (it prints its summary), or the safety-net duration ran out.
                RecordLoadStop(load, EndedByItself);
            }
        }
        catch (Exception e) when (!Volatile.Read(ref _loadStopRequested))
        {
            RecordLoadStop(load, Reason(e));
        }
        catch (Exception)
        {
            // The stop itself failed: StopLoadGeneratorAsync sees the same failure and reports it.
        }
    }

    private const string EndedByItself = "it ended by itself before the scenario stopped it";

    private void RecordLoadStop(ILoadGenerator load, string reason)
    {
        LoadGeneratorStop stop;
        lock (_loadStopGate)
        {
            if (Result.Timeline.LoadGeneratorStopped is not null)
            {
                return;
            }

            stop = new LoadGeneratorStop(load.Name, MeasurementClock.UtcNow, reason, load.Attempts.Count);
            Result.Timeline.LoadGeneratorStopped = stop;
        }

        var sentence = char.ToUpperInvariant(stop.ToString()[0]) + stop.ToString()[1..];
        Result.Details.Set("load_generator_stopped", "Load generator stopped", sentence);
        _timeline.Mark(new ClusterEvent(stop.At, ClusterEventKind.Marker, Detail: $"load generator stopped: {stop.Reason}"));
        _narrate(sentence);
    }

    private async Task<LoadSummary> StopLoadGeneratorAsync(CancellationToken ct)
    {
        Volatile.Write(ref _loadStopRequested, true);
        // Ended before the stop, but its watcher has not run yet. (A load that never started is the start step's error, not a stop.)
        if (StartedAt != default && Load.Completion is { IsFaulted: true, Exception.InnerException: { } died })
        {
            RecordLoadStop(Load, Reason(died));
        }
        else if (StartedAt != default && Load.Completion.IsCompletedSuccessfully)
        {
            RecordLoadStop(Load, EndedByItself);
        }

        if (LoadGeneratorStopped is not { } stop)
        {
            return await Load.StopAsync(ct).ConfigureAwait(false);
        }

        try
        {
            // Lets it clean up (the k6 Job) and returns k6's own summary when it printed one; a dead one throws its failure again.
            return await Load.StopAsync(ct).ConfigureAwait(false);
        }
        catch (LoadGeneratorFailedException)
        {
            // Already recorded with its time; the attempts before it are what the scenario has.
            return LoadSummary.FromAttempts(Load.Name, Load.Attempts.ToList(), 0, stop.At - StartedAt);
        }
    }

    private static string Reason(Exception error)
    {
        var text = error is LoadGeneratorFailedException { Tries.Count: > 0 } failed ? failed.Tries[^1] : error.Message;
        var line = text.Split('\n', 2)[0].Trim().TrimEnd('.');
        return line.Length <= 200 ? line : line[..200] + "…";
    }
}
