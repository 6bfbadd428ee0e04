using System.Diagnostics;
using System.Text;
using System.Threading.Channels;
using k8s;
using k8s.Models;
using ZeroDowntime.Kubernetes;
using ZeroDowntime.Kubernetes.Config;
using ZeroDowntime.LocalCluster.Tests.Support;

namespace ZeroDowntime.LocalCluster.Tests.Conformance;

/// <summary>
/// <c>up</c> as a user runs it: its own process, manifests/sample-target, a kubeconfig in a temporary
/// directory. Started once per test class, stopped with SIGTERM (killed if it does not exit).
/// </summary>
public sealed class SampleTargetUp : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "zd-conformance-" + Guid.NewGuid().ToString("N"));
    private readonly StringBuilder _stderr = new();
    private Process? _process;
    private IKubernetes? _kube;

    /// <summary>The kubeconfig <c>up</c> wrote.</summary>
    public string KubeconfigPath => Path.Combine(_directory, "kubeconfig");

    /// <summary>The official C# client, connected through that kubeconfig.</summary>
    public IKubernetes Kube => _kube ?? throw new InvalidOperationException("up did not start");

    /// <summary>What <c>up</c> wrote to standard error so far (for failure messages).</summary>
    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "ZeroDowntime.LocalCluster.dll"), "up",
                     "--manifests", SampleTargetFixture.ManifestDirectory(), "--kubeconfig", KubeconfigPath })
        {
            start.ArgumentList.Add(arg);
        }

        _process = Process.Start(start)!;
        _process.ErrorDataReceived += (_, e) =>
        {
            lock (_stderr)
            {
                _stderr.AppendLine(e.Data);
            }
        };
        _process.BeginErrorReadLine();
        using var deadline = new CancellationTokenSource(Deadlines.SampleTargetUp);
        try
        {
            var line = await _process.StandardOutput.ReadLineAsync(deadline.Token);
            if (line != "ready")
            {
                throw new InvalidOperationException($"up printed '{line}' instead of 'ready'; stderr:\n{Stderr}");
            }
        }
        catch (OperationCanceledException)
        {
            // A failed start leaves no process behind, whether or not xUnit disposes the fixture.
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"up did not print 'ready' within {Deadlines.SampleTargetUp.TotalSeconds:0} s; stderr:\n{Stderr}");
        }
        catch (InvalidOperationException)
        {
            _process.Kill(entireProcessTree: true);
            throw;
        }

        _kube = new KubeConfigLoader().Load(KubeconfigPath, null).CreateClient();
    }

    /// <summary>
    /// Waits until the sample target is whole again: its seven pods Ready and none terminating, and each
    /// budget counting all of its pods healthy (the worker budget allowing one disruption). Re-checks on
    /// every pod or budget event.
    /// </summary>
    public async Task WaitUntilSettledAsync()
    {
        using var deadline = new CancellationTokenSource(Deadlines.SampleTargetSettled);
        var changed = Channel.CreateUnbounded<bool>();
        async Task PumpAsync<T, TList>(KubeResource<T, TList> resource)
            where T : class, IKubernetesObject<V1ObjectMeta>
            where TList : IKubernetesObject<V1ListMeta>, IItems<T>
        {
            await foreach (var _ in Kube.WatchAsync(resource, "default", ct: deadline.Token))
            {
                changed.Writer.TryWrite(true);
            }
        }

        var pumps = Task.WhenAll(PumpAsync(KubeResources.Pods), PumpAsync(KubeResources.PodDisruptionBudgets));
        var state = "(not read yet)";
        try
        {
            while (true)
            {
                (var settled, state) = await SettledAsync(deadline.Token);
                if (settled)
                {
                    return;
                }

                await changed.Reader.ReadAsync(deadline.Token);
                while (changed.Reader.TryRead(out _))
                {
                    // Coalesce a burst of events into one re-check.
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The sample target did not settle within {Deadlines.SampleTargetSettled.TotalSeconds:0} s; last state: {state}");
        }
        finally
        {
            await deadline.CancelAsync();
            await pumps.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private async Task<(bool Settled, string State)> SettledAsync(CancellationToken ct)
    {
        var pods = (await Kube.CoreV1.ListNamespacedPodAsync("default", cancellationToken: ct)).Items;
        var budgets = (await Kube.PolicyV1.ListNamespacedPodDisruptionBudgetAsync("default", cancellationToken: ct)).Items;
        var ready = pods.Count(p => p.Metadata.DeletionTimestamp is null && p.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true);
        var healthy = budgets.ToDictionary(b => b.Metadata.Name, b => (b.Status?.CurrentHealthy ?? -1, b.Status?.DisruptionsAllowed ?? -1));
        var state = $"{ready}/{pods.Count} pods Ready ({string.Join(", ", pods.Select(p => $"{p.Metadata.Name} {p.Status?.Phase}{(p.Metadata.DeletionTimestamp is null ? "" : " terminating")}"))}); " +
            $"budgets {string.Join(", ", healthy.Select(b => $"{b.Key} healthy={b.Value.Item1} allowed={b.Value.Item2}"))}";
        // The reference topology's 7 pods; the Sentinels run only where redis-server does (with Garnet they are refused), so they do not count.
        var core = pods.Where(p => !(p.Metadata.Labels is { } labels && labels.TryGetValue("app", out var app) && app == "redis-sentinel")).ToList();
        var coreReady = core.Count(p => p.Metadata.DeletionTimestamp is null && p.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true);
        var settled = core.Count == 7 && coreReady == 7
            && healthy.GetValueOrDefault("ray-head-pdb") == (1, 0)
            && healthy.GetValueOrDefault("ray-worker-pdb") == (3, 1)
            && healthy.GetValueOrDefault("redis-pdb") == (3, 1);
        return (settled, state);
    }

    public async Task DisposeAsync()
    {
        _kube?.Dispose();
        if (_process is { HasExited: false })
        {
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }

            using var deadline = new CancellationTokenSource(Deadlines.UpProcess);
            try
            {
                await _process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process?.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
