using System.Text.Json.Nodes;
using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Controllers;
using ZeroDowntime.LocalCluster.Controllers.Autoscaling;
using ZeroDowntime.LocalCluster.Controllers.Infrastructure;
using ZeroDowntime.LocalCluster.Controllers.Kubelet;

namespace ZeroDowntime.LocalCluster.Tests.Controllers.Support;

/// <summary>A started local cluster with every controller and the simulated kubelet; dispose to stop.</summary>
internal sealed class TestCluster : IAsyncDisposable
{
    /// <summary>Images the simulated kubelet runs in these tests.</summary>
    public static readonly string[] KnownImages = ["zerodowntime/mock-vllm*", "redis*", "nginx*", "img*"];

    private readonly StringWriter _log;

    private TestCluster(LocalClusterHost host, InMemoryPodMetrics metrics, StringWriter log)
    {
        Host = host;
        Metrics = metrics;
        _log = log;
    }

    public LocalClusterHost Host { get; }

    public ClusterApi Api => Host.Api;

    public InMemoryPodMetrics Metrics { get; }

    /// <summary>What the controllers logged (failures show up here).</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static async Task<TestCluster> StartAsync(int nodes = 4, TimeSpan? terminationDelay = null, HpaOptions? hpa = null,
        TimeSpan? runToCompletion = null, TimeSpan? readyDelay = null)
    {
        var log = new StringWriter();
        var metrics = new InMemoryPodMetrics();
        var options = new LocalClusterOptions { NodeCount = nodes, Log = TextWriter.Synchronized(log), Kubelet = null };
        options.AddControllers(new ClusterControllerOptions
        {
            Settings = new ControllerSettings { Log = TextWriter.Synchronized(log) },
            Metrics = metrics,
            Hpa = hpa ?? new HpaOptions(),
            SimulatedKubelet = new SimulatedKubeletOptions
            {
                KnownImages = KnownImages,
                ReadyDelay = readyDelay ?? TimeSpan.FromMilliseconds(50),
                TerminationDelay = terminationDelay ?? TimeSpan.FromMilliseconds(300),
                RunToCompletionAfter = runToCompletion,
            },
        });
        return new TestCluster(await LocalClusterHost.StartAsync(options), metrics, log);
    }

    /// <summary>Creates a Deployment of <paramref name="replicas"/> pods labelled app=<paramref name="name"/>.</summary>
    public JsonObject CreateDeployment(string name, int replicas, string image = "nginx:1", string? extraSpec = null, string? extraPodSpec = null) =>
        Api.Deployments.Create(TestApi.Json($$"""
        {
          "metadata": { "name": "{{name}}", "namespace": "default" },
          "spec": {
            "replicas": {{replicas}},
            "selector": { "matchLabels": { "app": "{{name}}" } },
            {{extraSpec ?? ""}}
            "template": {
              "metadata": { "labels": { "app": "{{name}}" } },
              "spec": { {{extraPodSpec ?? ""}} "terminationGracePeriodSeconds": 1, "containers": [ { "name": "c", "image": "{{image}}", "ports": [ { "name": "http", "containerPort": 8080 } ] } ] }
            }
          }
        }
        """));

    /// <summary>Pods labelled app=<paramref name="app"/> that are Ready and not terminating.</summary>
    public List<JsonObject> ReadyPods(string app) => Api.Pods.List("default", $"app={app}").Where(p => p.IsPodReady()).ToList();

    /// <summary>A short description of the pods, for timeout messages.</summary>
    public string DescribePods() => string.Join("; ", Api.Pods.List().Select(p =>
        $"{p.Name()} node={p.GetString("spec", "nodeName")} phase={p.GetString("status", "phase")} ready={p.IsPodReady()} deleting={p.GetNode("metadata", "deletionTimestamp") is not null}"))
        + (Log.Length > 0 ? $" | log: {Log}" : "");

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
