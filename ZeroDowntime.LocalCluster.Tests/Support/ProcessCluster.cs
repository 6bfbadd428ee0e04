using System.Text.Json.Nodes;
using k8s;
using ZeroDowntime.Kubernetes;
using ZeroDowntime.Kubernetes.Config;
using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Controllers;
using ZeroDowntime.LocalCluster.Kubelet;
using ZeroDowntime.LocalCluster.Manifests;
using ZeroDowntime.LocalCluster.Networking;
using ZeroDowntime.LocalCluster.Storage;

namespace ZeroDowntime.LocalCluster.Tests.Support;

/// <summary>An embedded cluster whose pods run as real processes, with helpers to create pods and wait on state.</summary>
internal sealed class ProcessCluster : IAsyncDisposable
{
    private readonly StringWriter _log;

    private ProcessCluster(LocalClusterHost host, StringWriter log)
    {
        Host = host;
        _log = log;
    }

    public LocalClusterHost Host { get; }

    public ClusterApi Api => Host.Api;

    public ProcessKubelet Kubelet => Host.Runtime!.Kubelet;

    public ServiceProxyController Proxies => Host.Runtime!.ServiceProxies;

    public string Log => _log.ToString();

    /// <summary>Starts a cluster; <paramref name="controllers"/> adds the scheduler and workload controllers.</summary>
    public static async Task<ProcessCluster> StartAsync(Action<KubeletOptions>? kubelet = null, Action<NetworkingOptions>? networking = null,
        bool controllers = false, int nodes = 4)
    {
        var log = new StringWriter();
        var kubeletOptions = new KubeletOptions { CrashLoopBackoffBase = TimeSpan.FromMilliseconds(300), ShutdownGracePeriod = TimeSpan.FromSeconds(1) };
        kubelet?.Invoke(kubeletOptions);
        var networkingOptions = new NetworkingOptions { PropagationDelay = TimeSpan.FromMilliseconds(200) };
        networking?.Invoke(networkingOptions);
        var options = new LocalClusterOptions { NodeCount = nodes, Log = TextWriter.Synchronized(log), Kubelet = kubeletOptions, Networking = networkingOptions };
        if (controllers)
        {
            options.AddControllers();
        }

        return new ProcessCluster(await LocalClusterHost.StartAsync(options), log);
    }

    /// <summary>
    /// The official client connected as a user of the cluster would be: through the kubeconfig the host writes,
    /// loaded by <see cref="KubeConfigLoader"/>.
    /// </summary>
    public async Task<IKubernetes> ConnectAsync()
    {
        var path = Path.Combine(Path.GetTempPath(), $"zd-localcluster-tests-{Guid.NewGuid():N}.kubeconfig");
        await Host.WriteKubeconfigAsync(path);
        try
        {
            return new KubeConfigLoader().Load(path, null).CreateClient();
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Creates an object from YAML (one document).</summary>
    public JsonObject Apply(string yaml)
    {
        var documents = ManifestLoader.Parse(yaml, "test", Api.Resources);
        ManifestLoader.Apply(Api, documents);
        var doc = documents[0];
        return Api.For(doc.Type).Get(doc.Object.Namespace() ?? (doc.Type.Namespaced ? "default" : null), doc.Object.Name());
    }

    /// <summary>Waits (on store changes, no polling) until <paramref name="condition"/> holds for the pod; returns it.</summary>
    public Task<JsonObject> WaitForPodAsync(string name, Func<JsonObject, bool> condition, TimeSpan timeout, string what, string ns = "default") =>
        WaitForAsync(() => Api.Pods.TryGet(ns, name) is { } p && condition(p) ? p : null, timeout, $"pod {ns}/{name} {what}",
            () => Api.Pods.TryGet(ns, name)?.ToJsonString() ?? "(gone)");

    public Task<JsonObject> WaitForReadyAsync(string name, string ns = "default") =>
        WaitForPodAsync(name, p => p.IsPodReady(), Timeouts.PodReady, "to be Ready", ns);

    public async Task WaitForGoneAsync(string name, string ns = "default") =>
        await WaitForAsync(() => Api.Pods.TryGet(ns, name) is null ? new JsonObject() : null, Timeouts.PodGone, $"pod {ns}/{name} to be removed",
            () => Api.Pods.TryGet(ns, name)?.ToJsonString() ?? "(gone)");

    /// <summary>Waits (on log changes) until the container's current output contains <paramref name="text"/>; returns all of it.</summary>
    public async Task<string> WaitForLogAsync(string podName, string container, string text, TimeSpan? timeout = null, string ns = "default")
    {
        var pod = await WaitForPodAsync(podName, p => Kubelet.FindLog(p.Uid(), container) is not null, Timeouts.ShellOutput, $"container {container} to start", ns);
        var log = Kubelet.FindLog(pod.Uid(), container)!;
        using var deadline = new CancellationTokenSource(timeout ?? Timeouts.ShellOutput);
        try
        {
            while (true)
            {
                var (_, _, completed, changed) = log.Read(0);
                var all = log.Text();
                if (all.Contains(text, StringComparison.Ordinal))
                {
                    return all;
                }

                if (completed)
                {
                    throw new InvalidOperationException($"container {container} exited without printing '{text}'; output:\n{all}");
                }

                await changed.WaitAsync(deadline.Token);
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"container {container} of {podName} did not print '{text}'; output:\n{log.Text()}");
        }
    }

    /// <summary>The events about a pod.</summary>
    public IReadOnlyList<JsonObject> EventsOf(string podName, string ns = "default") =>
        Api.Events.List(ns).Where(e => e.GetString("involvedObject", "name") == podName).ToList();

    public Task<JsonObject> WaitForEventAsync(string podName, string reason, TimeSpan timeout, string ns = "default") =>
        WaitForAsync(() => EventsOf(podName, ns).FirstOrDefault(e => e.GetString("reason") == reason), timeout,
            $"event {reason} for pod {ns}/{podName}", () => string.Join("; ", EventsOf(podName, ns).Select(e => $"{e.GetString("reason")}: {e.GetString("message")}")));

    /// <summary>The one wait primitive: re-evaluates after every store change until it yields a value or the deadline passes.</summary>
    public async Task<T> WaitForAsync<T>(Func<T?> probe, TimeSpan timeout, string what, Func<string> lastState)
        where T : class
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                var rv = Api.Store.ResourceVersion;
                if (probe() is { } value)
                {
                    return value;
                }

                await Api.Store.WaitForChangeAsync(rv, deadline.Token);
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0} s waiting for {what}; last state: {lastState()}\nlog:\n{Log}");
        }
    }

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}
