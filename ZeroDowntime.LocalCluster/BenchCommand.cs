using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using ZeroDowntime.LocalCluster.Cluster;

namespace ZeroDowntime.LocalCluster;

/// <summary>
/// <c>bench [--nodes 100] [--pods 1000] [--watchers 20] [--iterations 200]</c>: list and watch
/// fan-out latency (p50/p99) over real HTTP, plus memory at that size.
/// </summary>
internal static class BenchCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        int Arg(string name, int fallback) =>
            Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
        var nodes = Arg("--nodes", 100);
        var pods = Arg("--pods", 1000);
        var watchers = Arg("--watchers", 20);
        var iterations = Arg("--iterations", 200);

        await using var host = await LocalClusterHost.StartAsync(new LocalClusterOptions { NodeCount = nodes });
        for (var i = 0; i < pods; i++)
        {
            host.Api.Pods.Create(BenchPod(i, nodes));
        }

        using var http = new HttpClient { BaseAddress = host.Uri };
        var listAll = await TimeAsync(iterations, () => http.GetByteArrayAsync("api/v1/pods"));
        var listNode = await TimeAsync(iterations, () => http.GetByteArrayAsync("api/v1/pods?fieldSelector=spec.nodeName%3Dzd-node-1"));
        var table = await TimeAsync(Math.Max(10, iterations / 10), () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/pods");
            request.Headers.TryAddWithoutValidation("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io");
            return http.SendAsync(request);
        });

        var fanOut = await WatchFanOutAsync(host, watchers, iterations);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var managed = GC.GetTotalMemory(true) / (1024.0 * 1024.0);
        var workingSet = Process.GetCurrentProcess().WorkingSet64 / (1024.0 * 1024.0);

        await output.WriteLineAsync(FormattableString.Invariant($"cluster: {nodes} nodes, {pods} pods, {watchers} HTTP pod watchers"));
        await output.WriteLineAsync(Report("LIST /api/v1/pods (JSON, all)", listAll));
        await output.WriteLineAsync(Report("LIST pods fieldSelector=spec.nodeName", listNode));
        await output.WriteLineAsync(Report("LIST /api/v1/pods (Table)", table));
        await output.WriteLineAsync(Report($"watch fan-out commit->received (x{watchers})", fanOut));
        await output.WriteLineAsync(FormattableString.Invariant($"memory: managed heap {managed:0.0} MiB, working set {workingSet:0.0} MiB"));
        return 0;
    }

    private static JsonObject BenchPod(int i, int nodes) => new()
    {
        ["metadata"] = new JsonObject
        {
            ["name"] = FormattableString.Invariant($"bench-{i:D4}"),
            ["namespace"] = "default",
            ["labels"] = new JsonObject { ["app"] = "bench", ["shard"] = (i % 10).ToString(CultureInfo.InvariantCulture) },
        },
        ["spec"] = new JsonObject
        {
            ["nodeName"] = FormattableString.Invariant($"zd-node-{(i % nodes) + 1}"),
            ["containers"] = new JsonArray(new JsonObject { ["name"] = "app", ["image"] = "zd/bench:1", ["ports"] = new JsonArray(new JsonObject { ["containerPort"] = 8080 }) }),
        },
    };

    private static async Task<List<double>> TimeAsync(int iterations, Func<Task> call)
    {
        await call();
        var samples = new List<double>(iterations);
        for (var i = 0; i < iterations; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await call();
            samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return samples;
    }

    private static async Task<List<double>> WatchFanOutAsync(LocalClusterHost host, int watchers, int iterations)
    {
        var received = new ConcurrentDictionary<string, ConcurrentBag<long>>();
        using var stop = new CancellationTokenSource();
        using var http = new HttpClient { BaseAddress = host.Uri, Timeout = Timeout.InfiniteTimeSpan };
        var rv = host.Api.ResourceVersion.ToString(CultureInfo.InvariantCulture);
        var readers = Enumerable.Range(0, watchers).Select(_ => Task.Run(async () =>
        {
            using var response = await http.GetAsync($"api/v1/pods?watch=true&resourceVersion={rv}", HttpCompletionOption.ResponseHeadersRead, stop.Token);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stop.Token));
            while (await reader.ReadLineAsync(stop.Token) is { } line)
            {
                var marker = JsonNode.Parse(line)?["object"]?["metadata"]?["annotations"]?["bench"]?.GetValue<string>();
                if (marker is not null)
                {
                    received.GetOrAdd(marker, _ => []).Add(Stopwatch.GetTimestamp());
                }
            }
        })).ToList();

        while (host.Store.WatcherCount < watchers + 1)
        {
            await host.Store.WaitForChangeAsync(long.MaxValue, new CancellationTokenSource(TimeSpan.FromMilliseconds(20)).Token)
                .ContinueWith(_ => { }, TaskScheduler.Default);
        }

        var samples = new List<double>();
        for (var i = 0; i < iterations; i++)
        {
            var marker = i.ToString(CultureInfo.InvariantCulture);
            var committed = Stopwatch.GetTimestamp();
            host.Api.Pods.Mutate("default", FormattableString.Invariant($"bench-{i % 1000:D4}"), p => p.Ensure("metadata", "annotations")["bench"] = marker);
            var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 10;
            while ((!received.TryGetValue(marker, out var bag) || bag.Count < watchers) && Stopwatch.GetTimestamp() < deadline)
            {
                await Task.Yield();
            }

            if (received.TryGetValue(marker, out var times))
            {
                samples.AddRange(times.Select(t => (t - committed) * 1000.0 / Stopwatch.Frequency));
            }
        }

        await stop.CancelAsync();
        await Task.WhenAll(readers.Select(r => r.ContinueWith(_ => { }, TaskScheduler.Default)));
        return samples;
    }

    private static string Report(string what, List<double> samples)
    {
        samples.Sort();
        double P(double q) => samples.Count == 0 ? double.NaN : samples[Math.Min(samples.Count - 1, (int)Math.Ceiling(q * samples.Count) - 1)];
        return FormattableString.Invariant($"{what}: n={samples.Count} p50={P(0.50):0.00} ms p99={P(0.99):0.00} ms max={samples.LastOrDefault():0.00} ms");
    }
}
