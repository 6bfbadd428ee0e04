using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using ZeroDowntime.LocalCluster.Tests.Support;

namespace ZeroDowntime.LocalCluster.Tests.Metrics;

/// <summary>
/// metrics.k8s.io on a cluster that runs pods as processes: discovery, PodMetrics and NodeMetrics over
/// HTTP, and <c>kubectl top</c> (skipped without kubectl). A pod whose child process burns CPU shows it.
/// </summary>
public sealed class ResourceMetricsApiTests : IAsyncLifetime
{
    private ProcessCluster? _cluster;
    private readonly HttpClient _http = new();
    private string _kubeconfig = "";
    private readonly string _cache = Directory.CreateTempSubdirectory("zd-kubectl-cache-").FullName;

    private ProcessCluster Cluster => _cluster!;

    public async Task InitializeAsync()
    {
        _cluster = await ProcessCluster.StartAsync(kubelet: k => k.MetricsWindow = TimeSpan.FromSeconds(2));
        _kubeconfig = Path.Combine(Path.GetTempPath(), $"zd-metrics-{Guid.NewGuid():N}.kubeconfig");
        await Cluster.Host.WriteKubeconfigAsync(_kubeconfig);
        foreach (var (name, command) in new[]
        {
            ("idle", "sleep 3600"),
            // The busy work runs in a child: a container's usage is its whole process tree.
            ("busy", "(i=0; while [ $i -lt 100000000 ]; do i=$((i+1)); done) & sleep 3600"),
        })
        {
            Cluster.Apply($$"""
                apiVersion: v1
                kind: Pod
                metadata: { name: {{name}}, namespace: default, labels: { app: metrics-test, role: {{name}} } }
                spec:
                  nodeName: zd-node-1
                  terminationGracePeriodSeconds: 1
                  containers:
                    - name: main
                      image: busybox
                      command: ["sh", "-c", "{{command}}"]
                """);
            await Cluster.WaitForReadyAsync(name);
        }
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        File.Delete(_kubeconfig);
        Directory.Delete(_cache, recursive: true);
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task Discovery_lists_metrics_k8s_io_with_pods_and_nodes()
    {
        var groups = await GetAsync("apis");
        groups["groups"]!.AsArray().Select(g => g!["name"]!.GetValue<string>()).Should().Contain("metrics.k8s.io");
        var resources = await GetAsync("apis/metrics.k8s.io/v1beta1");
        resources["resources"]!.AsArray().Select(r => (r!["name"]!.GetValue<string>(), r["kind"]!.GetValue<string>())).Should()
            .BeEquivalentTo([("nodes", "NodeMetrics"), ("pods", "PodMetrics")]);
    }

    [Fact]
    public async Task PodMetrics_show_the_busy_pods_cpu_and_not_the_idle_ones()
    {
        var busy = await WaitForMetricsAsync("busy");
        var idle = await WaitForMetricsAsync("idle");

        busy["kind"]!.GetValue<string>().Should().Be("PodMetrics");
        busy["metadata"]!["labels"]!["role"]!.GetValue<string>().Should().Be("busy");
        Millicores(busy).Should().BeGreaterThan(100, "a shell loop keeps one core busy on and off");
        Millicores(idle).Should().BeLessThan(50);
        busy["containers"]![0]!["usage"]!["memory"]!.GetValue<string>().Should().EndWith("Ki");

        var selected = await GetAsync("apis/metrics.k8s.io/v1beta1/namespaces/default/pods?labelSelector=role%3Dbusy");
        selected["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>()).Should().Equal("busy");
        var node = await GetAsync("apis/metrics.k8s.io/v1beta1/nodes/zd-node-1");
        node["kind"]!.GetValue<string>().Should().Be("NodeMetrics");
        (await _http.GetAsync(new Uri(Cluster.Host.Uri, "apis/metrics.k8s.io/v1beta1/namespaces/default/pods/nope"))).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [KubectlFact]
    public async Task Kubectl_top_shows_pods_containers_and_nodes()
    {
        await WaitForMetricsAsync("busy");
        await WaitForMetricsAsync("idle");

        var pods = await KubectlAsync("top", "pods", "-l", "app=metrics-test");
        var containers = await KubectlAsync("top", "pods", "busy", "--containers");
        var nodes = await KubectlAsync("top", "nodes");

        pods.Should().MatchRegex(@"NAME\s+CPU\(cores\)\s+MEMORY\(bytes\)").And.MatchRegex(@"busy\s+\d+m\s+\d+Mi").And.MatchRegex(@"idle\s+\d+m\s+\d+Mi");
        containers.Should().MatchRegex(@"busy\s+main\s+\d+m\s+\d+Mi");
        nodes.Should().MatchRegex(@"zd-node-1\s+\d+m\s+\d+%\s+\d+Mi\s+\d+%");
    }

    private async Task<JsonObject> WaitForMetricsAsync(string pod)
    {
        // The metrics API has no watch: ask until the pod has its first full window (2 s here).
        var clock = Stopwatch.StartNew();
        while (true)
        {
            using var response = await _http.GetAsync(new Uri(Cluster.Host.Uri, $"apis/metrics.k8s.io/v1beta1/namespaces/default/pods/{pod}"));
            if (response.IsSuccessStatusCode)
            {
                return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
            }

            if (clock.Elapsed > Timeouts.PodReady)
            {
                throw new TimeoutException($"no metrics for {pod} within {Timeouts.PodReady.TotalSeconds:0} s: {response.StatusCode}");
            }

            await Task.Delay(200);
        }
    }

    private static double Millicores(JsonObject podMetrics) =>
        podMetrics["containers"]!.AsArray().Sum(c => double.Parse(c!["usage"]!["cpu"]!.GetValue<string>().TrimEnd('n'), System.Globalization.CultureInfo.InvariantCulture) / 1e6);

    private async Task<JsonObject> GetAsync(string path) =>
        JsonNode.Parse(await _http.GetStringAsync(new Uri(Cluster.Host.Uri, path)))!.AsObject();

    private async Task<string> KubectlAsync(params string[] args)
    {
        var start = new ProcessStartInfo(Kubectl.Path!) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "--kubeconfig", _kubeconfig, "--cache-dir", _cache }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(Deadlines.Kubectl);
        process.ExitCode.Should().Be(0, "kubectl {0} failed: {1}", string.Join(' ', args), await stderr);
        return await stdout;
    }
}
