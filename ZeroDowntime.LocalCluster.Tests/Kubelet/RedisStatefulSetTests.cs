using System.Diagnostics;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Kubelet;
using ZeroDowntime.LocalCluster.Tests.Support;
using Xunit.Abstractions;

namespace ZeroDowntime.LocalCluster.Tests.Kubelet;

/// <summary>
/// The sample target's Redis (manifests/sample-target/00-redis.yaml and 01-redis-sentinel.yaml) on each program the
/// kubelet can run for it: with redis-server a primary, two replicas and three Sentinels; with the Garnet stand-in
/// three standalone pods and Sentinel pods the kubelet refuses, saying why.
/// </summary>
public sealed class RedisStatefulSetTests(ITestOutputHelper output)
{
    private const string Selector = "app=redis";

    /// <summary>Between attempts to reach Redis through its Service while the proxy learns the new endpoints.</summary>
    private static readonly TimeSpan RetryPeriod = TimeSpan.FromMilliseconds(100);

    [Fact]
    public Task The_sample_targets_redis_runs_standalone_on_Garnet_without_Sentinels_when_the_kubelet_is_set_to_garnet() =>
        RunAsync(LocalRedis.Garnet, @"^Started container redis \(redis:7\.2 runs sh; redis-server on its PATH is Garnet \d+\.\d+\.\d+: the kubelet is set to garnet\)$",
            (log, ip) =>
            {
                var lines = log.Split('\n');
                lines[0].Should().Be("redis-server here is not Redis (the embedded cluster's Garnet stand-in): a standalone primary, no replication");
                lines[1].Should().MatchRegex($@"^Garnet \d+\.\d+\.\d+ standing in for redis-server, listening on {Regex.Escape(ip)}:6379; ");
            },
            async (cluster, pods) =>
            {
                var (set, get) = await SetThenGetThroughTheServiceAsync(cluster);
                (set, get).Should().Be(("+OK", "value"), "SET and GET on one connection through the Service reach one standalone pod");
                foreach (var sentinel in Enumerable.Range(0, 3).Select(i => $"redis-sentinel-{i}"))
                {
                    (await cluster.WaitForEventAsync(sentinel, "Failed", Timeouts.StatusChange)).GetString("message").Should().Contain("has no Sentinel");
                }
            });

    [RedisServerFact]
    public Task The_sample_targets_redis_is_a_primary_with_two_replicas_and_three_Sentinels_on_redis_server() =>
        RunAsync(LocalRedis.RedisServer, @"^Started container redis \(redis:7\.2 runs sh; redis-server on its PATH is redis-server \d+\.\d+\.\d+\)$",
            (log, _) => log.Should().Contain("Redis version="),
            async (cluster, pods) =>
            {
                var primary = pods.Single(p => p.Name() == "redis-0").GetString("status", "podIP")!;
                await WaitForReplicationAsync(cluster, primary, 2);
                using var redis = await RespConnection.OpenAsync(primary, 6379);
                (await redis.SendAsync("SET", "zd:test", "value")).Should().Be("+OK");
                foreach (var replica in pods.Where(p => p.Name() != "redis-0"))
                {
                    using var connection = await RespConnection.OpenAsync(replica.GetString("status", "podIP")!, 6379);
                    await PollAsync(async () => await connection.SendAsync("GET", "zd:test") == "value", $"{replica.Name()} to replicate zd:test");
                }

                var sentinels = await cluster.WaitForAsync(() => cluster.Api.Pods.List("default", "app=redis-sentinel").Count(p => p.IsPodReady()) == 3
                    ? cluster.Api.Pods.List("default", "app=redis-sentinel") : null, Timeouts.SampleTargetReady, "3 Ready Sentinels", () => "fewer");
                foreach (var sentinel in sentinels)
                {
                    using var connection = await RespConnection.OpenAsync(sentinel.GetString("status", "podIP")!, 26379);
                    (await connection.SendAsync("SENTINEL", "get-master-addr-by-name", "mymaster")).Should().Be("*2", "an address (host, port) follows");
                }
            });

    private async Task RunAsync(LocalRedis program, string startedEvent, Action<string, string> checkLog, Func<ProcessCluster, List<JsonObject>, Task> checkTopology)
    {
        await using var cluster = await ProcessCluster.StartAsync(k => k.Redis = program, controllers: true);
        var readiness = new ReadinessClock(cluster);
        cluster.Apply(File.ReadAllText(Path.Combine(SampleTargetFixture.ManifestDirectory(), "00-redis.yaml")));
        cluster.Apply(File.ReadAllText(Path.Combine(SampleTargetFixture.ManifestDirectory(), "01-redis-sentinel.yaml")));

        var pods = await readiness.WaitForReadyAsync(3, before: new HashSet<string>());
        var events = pods.Select(p => cluster.EventsOf(p.Name()).Single(e => e.GetString("reason") == "Started").GetString("message")).ToList();
        var logs = pods.Select(p => (Log: cluster.Kubelet.FindLog(p.Uid(), "redis")!.Text(), Ip: p.GetString("status", "podIP")!)).ToList();
        await checkTopology(cluster, pods);
        var victim = pods.Single(p => p.Name() == "redis-1");
        cluster.Api.Pods.Delete("default", victim.Name());
        var replacement = (await readiness.WaitForReadyAsync(3, before: pods.Select(p => p.Uid()).ToHashSet())).Single(p => p.Name() == "redis-1" && p.Uid() != victim.Uid());
        string pong;
        using (var redis = await RespConnection.OpenAsync(replacement.GetString("status", "podIP")!, 6379))
        {
            pong = await redis.SendAsync("PING");
        }

        if (program == LocalRedis.RedisServer)
        {
            // The replacement asks the Sentinels where the primary is and rejoins as its replica.
            await WaitForReplicationAsync(cluster, pods.Single(p => p.Name() == "redis-0").GetString("status", "podIP")!, 2, replacement.GetString("status", "podIP"));
        }

        output.WriteLine($"{program}: {readiness.Report()}");
        pods.Select(p => p.Name()).Should().Equal("redis-0", "redis-1", "redis-2");
        events.Should().AllSatisfy(message => message.Should().MatchRegex(startedEvent));
        logs.Should().AllSatisfy(l => checkLog(l.Log, l.Ip));
        pong.Should().Be("+PONG", "the replacement pod serves on its own address");
        cluster.EventsOf("redis-1").Where(e => e.GetString("reason") == "Started" && e.GetString("involvedObject", "uid") == replacement.Uid())
            .Should().ContainSingle().Which.GetString("message").Should().MatchRegex(startedEvent);
    }

    /// <summary>Waits until the primary at <paramref name="primary"/> reports <paramref name="replicas"/> online replicas (one of them <paramref name="including"/>).</summary>
    private static async Task WaitForReplicationAsync(ProcessCluster cluster, string primary, int replicas, string? including = null)
    {
        var last = "";
        await PollAsync(async () =>
        {
            using (var redis = await RespConnection.OpenAsync(primary, 6379))
            {
                last = await redis.SendAsync("INFO", "replication");
            }

            var online = last.Split('\n').Count(l => l.StartsWith("slave", StringComparison.Ordinal) && l.Contains("state=online", StringComparison.Ordinal));
            return last.Contains("role:master", StringComparison.Ordinal) && online == replicas && (including is null || last.Contains($"ip={including},", StringComparison.Ordinal));
        }, $"{primary} to report {replicas} online replicas{(including is null ? "" : $" including {including}")}", () => $"last INFO replication:\n{last}\n{cluster.Log}");
    }

    /// <summary>Redis has no watch: asks again every <see cref="RetryPeriod"/> until <paramref name="holds"/> or the sample target's deadline.</summary>
    private static async Task PollAsync(Func<Task<bool>> holds, string what, Func<string>? last = null)
    {
        var deadline = Stopwatch.StartNew();
        while (!await holds())
        {
            if (deadline.Elapsed > Timeouts.SampleTargetReady)
            {
                throw new TimeoutException($"Timed out waiting for {what}; {last?.Invoke()}");
            }

            await Task.Delay(RetryPeriod);
        }
    }

    /// <summary>SET then GET on one connection to the Service's cluster IP, retried while the proxy has no backend yet.</summary>
    private static async Task<(string Set, string Get)> SetThenGetThroughTheServiceAsync(ProcessCluster cluster)
    {
        var clusterIp = cluster.Api.Services.Get("default", "redis").GetString("spec", "clusterIP")!;
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var redis = await RespConnection.OpenAsync(clusterIp, 6379);
                return (await redis.SendAsync("SET", "zd:test", "value"), await redis.SendAsync("GET", "zd:test"));
            }
            catch (Exception e) when ((e is SocketException or IOException) && deadline.Elapsed < Timeouts.StatusChange)
            {
                // The endpoints reach the proxy after its propagation delay: try again.
                await Task.Delay(RetryPeriod);
            }
        }
    }

    /// <summary>Watches the store and notes, per pod, when it was first seen, when its container ran and when it became Ready.</summary>
    private sealed class ReadinessClock(ProcessCluster cluster)
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly Dictionary<string, (string Name, TimeSpan Seen, TimeSpan? Running, TimeSpan? Ready)> _pods = [];

        /// <summary>Waits until <paramref name="count"/> pods are Ready, one of them new (a uid not in <paramref name="before"/>) unless that is empty; returns them by name.</summary>
        public Task<List<JsonObject>> WaitForReadyAsync(int count, IReadOnlySet<string> before) =>
            cluster.WaitForAsync(() =>
            {
                var pods = cluster.Api.Pods.List("default", Selector).Where(p => p.GetNode("metadata", "deletionTimestamp") is null).ToList();
                foreach (var pod in pods)
                {
                    var now = _clock.Elapsed;
                    var seen = _pods.TryGetValue(pod.Uid(), out var known) ? known : (pod.Name(), now, null, null);
                    var running = (pod.GetNode("status", "containerStatuses") as JsonArray)?.OfType<JsonObject>().Any(s => s.GetNode("state", "running") is not null) == true;
                    _pods[pod.Uid()] = seen with
                    {
                        Running = seen.Running ?? (running ? now : null),
                        Ready = seen.Ready ?? (pod.IsPodReady() ? now : null),
                    };
                }

                var ready = pods.Where(p => p.IsPodReady()).OrderBy(p => p.Name(), StringComparer.Ordinal).ToList();
                return ready.Count == count && ready.Any(p => before.Count == 0 || !before.Contains(p.Uid())) ? ready : null;
            }, Timeouts.SampleTargetReady, $"{count} Ready redis pods", () => string.Join(", ", _pods.Values.Select(p => $"{p.Name} ready={p.Ready is not null}")));

        /// <summary>Per pod: created-to-Ready and container-start-to-Ready, in ms.</summary>
        public string Report() => string.Join("; ", _pods.Values.Select(p =>
            $"{p.Name} created->Ready {Ms(p.Ready - p.Seen)} ms, started->Ready {Ms(p.Ready - p.Running)} ms"));

        private static string Ms(TimeSpan? t) => t is { } value ? value.TotalMilliseconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture) : "?";
    }
}
