using ZeroDowntime.Fixtures.Measurement;
using ZeroDowntime.Fixtures.Reporting;

namespace ZeroDowntime.Fixtures.Cluster;

public sealed partial class ClusterFixture
{
    /// <summary>
    /// Restores (LIFO cleanup, errors collected; pods and events dumped first when something failed),
    /// runs post-validation, writes the reports and the console summary, stops the embedded cluster.
    /// Never throws: failures here are reported (the PostValidation scenario makes them red rows).
    /// </summary>
    public async Task DisposeAsync()
    {
        if (_session is not null)
        {
            await RestoreAndValidateAsync().ConfigureAwait(false);
        }

        if (_session is not null)
        {
            Report.Api = new ApiTally(_session.Retries.Total, _session.Retries.ToString(), _embedded?.Faults, _embedded?.Faults is null ? null : _embedded.FaultsInjected);
        }

        try
        {
            if (_reporter is not null)
            {
                await _reporter.CompleteAsync(MeasurementClock.UtcNow).ConfigureAwait(false);
            }
            else
            {
                Report.Finish(MeasurementClock.UtcNow);
            }
        }
        catch (Exception e)
        {
            _log($"Writing the reports failed: {e.Message}");
        }

        _session?.Dispose();
        if (_embedded is not null)
        {
            _log("Stopping the embedded cluster");
            await _embedded.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task RestoreAndValidateAsync()
    {
        try
        {
            var failed = Report.Scenarios.Any(s => s.Status is ScenarioStatus.Fail or ScenarioStatus.Error) || Cleanup.Count > 0;
            if (failed)
            {
                var dump = await ClusterDiagnostics.DumpAsync(Client, Namespace, ResultsDirectory, "a scenario failed or left cleanup pending").ConfigureAwait(false);
                _log($"Cluster state written to {dump}");
            }

            foreach (var error in await Cleanup.RunAsync(_log).ConfigureAwait(false))
            {
                Report.AddPostValidationProblem($"Cleanup failed: {error}");
                _log($"Cleanup failed: {error}");
            }

            if (_request is null)
            {
                return;
            }

            var post = await Validator.PostValidateAsync().ConfigureAwait(false);
            LogChecks("Post-validation", post);

            foreach (var problem in post.Problems)
            {
                Report.AddPostValidationProblem(problem);
            }
        }
        catch (Exception e)
        {
            Report.AddPostValidationProblem($"Restore or post-validation failed: {ApiFailures.Explain(e)}");
            _log($"Restore or post-validation failed: {ApiFailures.Explain(e)}");
        }
    }
}
