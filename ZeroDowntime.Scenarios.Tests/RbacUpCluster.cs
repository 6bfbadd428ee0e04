using ZeroDowntime.Fixtures.Configuration;
using ZeroDowntime.LocalCluster.Security;

namespace ZeroDowntime.Scenarios.Tests;

/// <summary>
/// <c>up --rbac --access-log F</c>, the RBAC manifest applied with kubectl as the administrator, a token from
/// <c>kubectl create token</c>, and then the whole suite run once in kubeconfig mode with that token: what the
/// sufficiency and minimality tests examine.
/// </summary>
public sealed class RbacUpCluster : UpCluster
{
    /// <summary>The target namespace (the sample target's).</summary>
    public const string TargetNamespace = "default";

    private readonly List<string> _runLog = [];

    /// <summary>The suite's ServiceAccount user.</summary>
    public static UserInfo User { get; } = UserInfo.ServiceAccount(TargetNamespace, "zerodowntime");

    /// <summary>Where <c>up</c> appends its authorization decisions.</summary>
    public string AccessLogPath { get; } = Path.Combine(Path.GetTempPath(), $"zd-up-access-{Guid.NewGuid():N}.jsonl");

    /// <summary>A kubeconfig like the administrator's but with the ServiceAccount's token.</summary>
    public string ServiceAccountKubeconfig { get; } = Path.Combine(Path.GetTempPath(), $"zd-up-sa-{Guid.NewGuid():N}.kubeconfig");

    /// <summary>The manifest as applied.</summary>
    public RbacManifest Manifest { get; } = RbacManifest.Load(TargetNamespace);

    /// <summary>Every step of the suite's run with the ServiceAccount token.</summary>
    public IReadOnlyList<StepWindow> Steps { get; private set; } = [];

    /// <summary>The ServiceAccount's API calls during that run, as <c>up</c> authorized them.</summary>
    public IReadOnlyList<AccessLogEntry> Calls { get; private set; } = [];

    /// <summary>The run's log lines.</summary>
    public string RunLog
    {
        get { lock (_runLog) { return string.Join(Environment.NewLine, _runLog); } }
    }

    /// <inheritdoc />
    protected override IEnumerable<string> ExtraArguments => ["--rbac", "--access-log", AccessLogPath];

    /// <summary>The suite's settings in kubeconfig mode with the ServiceAccount's kubeconfig.</summary>
    public ZeroDowntimeSettings Settings(string resultsDirectory)
    {
        var environment = KubeconfigSettings.Environment(this, allowDisruption: true, resultsDirectory);
        environment["ZD_KUBECONFIG"] = ServiceAccountKubeconfig;
        environment["ZD_NAMESPACE"] = TargetNamespace;
        return ZeroDowntimeSettings.Load(environment);
    }

    /// <inheritdoc />
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await KubectlCommand.RunAsync(Kubeconfig, ["apply", "-f", "-"], Manifest.Yaml);
        var token = (await KubectlCommand.RunAsync(Kubeconfig, ["create", "token", "zerodowntime", "-n", TargetNamespace, "--duration", "2h"])).Stdout.Trim();
        var admin = await File.ReadAllLinesAsync(Kubeconfig);
        await File.WriteAllLinesAsync(ServiceAccountKubeconfig, admin.Select(l => l.TrimStart().StartsWith("token:", StringComparison.Ordinal) ? $"    token: {token}" : l));

        var results = Path.Combine(AppContext.BaseDirectory, "TestResults", "rbac", Guid.NewGuid().ToString("N")[..8]);
        Steps = await SuiteRunner.RunAsync(Settings(results), line => { lock (_runLog) { _runLog.Add($"{DateTime.Now:HH:mm:ss.fff} {line}"); } });
        Calls = AccessLog.ReadFile(AccessLogPath).Where(c => c.User == User.Name).ToList();
    }

    /// <inheritdoc />
    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        File.Delete(AccessLogPath);
        File.Delete(ServiceAccountKubeconfig);
    }

    /// <summary>The step that was running when <paramref name="call"/> was made.</summary>
    public StepWindow? StepOf(AccessLogEntry call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return Steps.LastOrDefault(s => s.Start <= call.Time && call.Time <= s.End);
    }
}
