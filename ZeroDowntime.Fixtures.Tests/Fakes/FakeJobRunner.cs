using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace ZeroDowntime.Fixtures.Tests.Fakes;

/// <summary>
/// Plays Job controller and kubelet for <see cref="FakeKubeApiServer"/>: each Job gets one pod
/// (<c>job-name</c> label), which runs ZeroDowntime.K6Double as a real process (its stdout/stderr
/// become the pod log, its REST API the proxy target) or simulates an image pull failure or an OOM kill.
/// </summary>
internal sealed partial class FakeJobRunner : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, FakePodLog> _logs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (Process Process, int Port)> _processes = new(StringComparer.Ordinal);
    private readonly Func<int, FakePodBehavior> _behaviorForJob;
    private readonly List<Task> _running = [];
    private int _jobs;

    public FakeJobRunner(Func<int, FakePodBehavior>? behaviorForJob = null) => _behaviorForJob = behaviorForJob ?? (_ => FakePodBehavior.RunDouble);

    /// <summary>K6_DOUBLE_FAIL for the n-th Job (1-based); null: none.</summary>
    public Func<int, string?> DoubleFailure { get; init; } = _ => null;

    /// <summary>Pods the runner created, in order.</summary>
    public ConcurrentQueue<string> Pods { get; } = new();

    public static string DoubleDll => Path.Combine(AppContext.BaseDirectory, "ZeroDowntime.K6Double.dll");

    public FakePodLog? LogOf(string pod) => _logs.GetValueOrDefault(pod);

    public Uri? ProxyTarget(string pod, int port) =>
        _processes.TryGetValue(pod, out var p) && !p.Process.HasExited ? new Uri($"http://127.0.0.1:{p.Port}/") : null;

    /// <summary>Kills a pod's process with SIGKILL (exit 137), as an OOM kill or a node loss would.</summary>
    public void Kill(string pod) => _processes[pod].Process.Kill(entireProcessTree: true);

    public void OnJobCreated(FakeKubeApiServer server, string ns, JsonObject job)
    {
        var number = Interlocked.Increment(ref _jobs);
        var jobName = job["metadata"]!["name"]!.GetValue<string>();
        var template = job["spec"]!["template"]!.AsObject();
        var podName = $"{jobName}-{Guid.NewGuid().ToString("N")[..5]}";
        var labels = (template["metadata"]?["labels"]?.DeepClone() as JsonObject) ?? [];
        labels["job-name"] = jobName;
        labels["batch.kubernetes.io/job-name"] = jobName;
        var spec = (JsonObject)template["spec"]!.DeepClone();
        spec["nodeName"] = "zd-node-2";
        server.Put("pods", ns, new JsonObject
        {
            ["apiVersion"] = "v1", ["kind"] = "Pod",
            ["metadata"] = new JsonObject { ["name"] = podName, ["labels"] = labels },
            ["spec"] = spec,
            ["status"] = new JsonObject { ["phase"] = "Pending" },
        });
        Pods.Enqueue(podName);
        var log = _logs[podName] = new FakePodLog();
        var behavior = _behaviorForJob(number);
        lock (_running)
        {
            _running.Add(Task.Run(() => RunPodAsync(server, ns, podName, spec, log, behavior, DoubleFailure(number))));
        }
    }

    public void OnJobDeleted(FakeKubeApiServer server, string ns, string job)
    {
        foreach (var pod in server.All("pods", ns).Where(p => p["metadata"]?["labels"]?["job-name"]?.GetValue<string>() == job))
        {
            var name = pod["metadata"]!["name"]!.GetValue<string>();
            if (_processes.TryGetValue(name, out var p) && !p.Process.HasExited)
            {
                server.Update("pods", ns, name, o => o["metadata"]!["deletionTimestamp"] = Now());
                using var term = Process.Start("kill", ["-TERM", p.Process.Id.ToString(CultureInfo.InvariantCulture)]); // as the kubelet does; the pod goes once the process exits
            }
            else
            {
                server.Remove("pods", ns, name);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (_, (process, _)) in _processes)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // already exited
            }
        }

        Task[] running;
        lock (_running)
        {
            running = [.. _running];
        }

        await Task.WhenAll(running).WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        foreach (var (_, (process, _)) in _processes)
        {
            process.Dispose();
        }
    }

    internal static string Now() => DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
