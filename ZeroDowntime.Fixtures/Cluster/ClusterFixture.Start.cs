using k8s;
using k8s.Autorest;
using ZeroDowntime.Fixtures.Configuration;
using ZeroDowntime.Fixtures.Probes;
using ZeroDowntime.Fixtures.Reporting;
using ZeroDowntime.Fixtures.Scenarios;
using ZeroDowntime.Fixtures.Xunit;

namespace ZeroDowntime.Fixtures.Cluster;

public sealed partial class ClusterFixture
{
    /// <summary>Connects, repairs leftovers, waits for the target and runs pre-validation; fails fast with one sentence on bad configuration.</summary>
    public async Task InitializeAsync()
    {
        ThreadPoolHeadroom.Ensure(); // the probes, the load and the watches must not wait for a starved test-host pool
        try
        {
            await StartAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // A failed start must not leave pod processes behind, whether or not xUnit disposes the fixture.
            _session?.Dispose();
            _session = null;
            if (_embedded is not null)
            {
                await _embedded.DisposeAsync().ConfigureAwait(false);
                _embedded = null;
            }

            if (e is HttpOperationException api)
            {
                throw api.Described(); // "GET /api/v1/nodes failed: 403 Forbidden: ...", not the library's own text
            }

            throw;
        }
    }

    private async Task StartAsync()
    {
        _settings = _options.Settings ?? ZeroDowntimeSettings.FromEnvironment();
        Report.Cluster = _settings.Cluster == ClusterMode.Local ? "local (embedded), context zd-local"
            : $"kubeconfig, context {_settings.Context ?? "(current)"}";
        Report.Profile = SettingValueParser.ToText(_settings.Profile);
        if (_options.WriteReports)
        {
            _reporter = RunReporter.Create(Report, _settings);
            ResultsDirectory = _reporter.ResultsDirectory;
        }
        else
        {
            ResultsDirectory = ResultsFolder.Resolve(_settings.ResultsDirectory);
        }

        LiveProgress.SetInterval(_settings.Timing.Waits.ProgressInterval);
        _log($"Run {RunId}: {_settings}; results in {ResultsDirectory}");

        if (_settings.Cluster == ClusterMode.Local)
        {
            var manifests = ManifestLocator.Find(_options.Manifests);
            _log($"Starting the embedded cluster with {manifests}");
            _embedded = await EmbeddedCluster.StartAsync(manifests, _options.EmbeddedNodes, _log, _options.ConfigureEmbedded, _settings.ResolveNamespace(null)).ConfigureAwait(false);
            _session = ClusterSession.Open(_embedded.Connection, _settings);
        }
        else
        {
            _session = ClusterSession.OpenKubeconfig(_settings);
        }

        _log($"Connected: {_session}");
        // One cheap read: an unreachable server or a bad credential fails here, in one sentence, before anything else.
        await Client.CoreV1.ListNodeAsync(limit: 1).ConfigureAwait(false);

        Repairs = await LeftoverRepair.RunAsync(Client, Namespace, RunId, Gate).ConfigureAwait(false);
        foreach (var repair in Repairs)
        {
            Report.AddRepair(repair);
            _log($"Repaired: {repair}");
        }

        if (_settings.Cluster != ClusterMode.Local)
        {
            // On a real cluster a selector that matches nothing is a configuration error, not a wait.
            await EnsureSelectorsMatchAsync().ConfigureAwait(false);
        }

        try
        {
            await new TargetStartup(Client, Namespace, _settings.Target, _settings.Timing, _log).WaitAsync().ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await EnsureSelectorsMatchAsync().ConfigureAwait(false);
            throw;
        }

        if (_settings.Cluster == ClusterMode.Local && await LocalRedisProgram.ReadAsync(Client, Namespace, _settings.Target.Redis).ConfigureAwait(false) is { } redis)
        {
            // Which program stands behind the redis image (redis-server or Garnet), as the kubelet's Started event says.
            Report.LocalRedis = redis;
            _log($"Redis pods: {redis}");
        }

        var address = await LoadBalancerAddress.ResolveAsync(Client, Namespace, _settings.Target, _settings.Timing.ClusterReadyTimeout).ConfigureAwait(false);
        _request = TargetRequests.Inference(_settings.Target, address);
        _log($"Target: {_request}");

        PreValidation = await Validator.PreValidateAsync().ConfigureAwait(false);
        LogChecks("Pre-validation", PreValidation);

        foreach (var problem in PreValidation.Problems)
        {
            Report.AddPreValidationProblem(problem);
        }
    }

    // One line when every check passed (the validation scenarios list them), each failed check otherwise.
    private void LogChecks(string what, ValidationResult result)
    {
        var failed = result.Checks.Where(c => !c.Passed).ToList();
        _log(failed.Count == 0
            ? $"{what}: all {result.Checks.Count} checks passed"
            : $"{what}: {failed.Count} of {result.Checks.Count} checks failed: " + string.Join("; ", failed.Select(c => $"✗ {c.Description}: {c.Actual}")));
    }

    private async Task EnsureSelectorsMatchAsync()
    {
        foreach (var role in Settings.Target.Roles)
        {
            var pods = await Inventory.PodsAsync(role).ConfigureAwait(false);
            if (pods.Count == 0)
            {
                var variable = role == Settings.Target.Head ? "HEAD" : role == Settings.Target.Workers ? "WORKERS" : "REDIS";
                throw new InvalidOperationException(
                    $"No pods match ZD_TARGET__{variable}__SELECTOR '{role.Selector}' in namespace '{Namespace}' on context '{Session.Connection.ContextName}'.");
            }
        }
    }
}
