using ZeroDowntime.LocalCluster.Controllers.Autoscaling;
using ZeroDowntime.LocalCluster.Metrics;

namespace ZeroDowntime.LocalCluster.Tests.Metrics;

public sealed class ResourceMetricsStoreTests
{
    private static readonly DateTimeOffset T0 = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static Dictionary<string, (double, long)> Round(double cpuSeconds, long memory = 80L << 20) => new() { ["app"] = (cpuSeconds, memory) };

    [Fact]
    public void A_pod_is_reported_once_it_has_a_full_window_of_samples_as_a_cpu_rate_over_it()
    {
        var store = new ResourceMetricsStore(TimeSpan.FromSeconds(5));
        for (var s = 0; s <= 4; s++)
        {
            store.Record("default", "web", "uid-1", "zd-node-1", T0.AddSeconds(s), Round(0.2 * s));
        }

        store.GetPod("default", "web").Should().BeNull("four seconds of samples are less than the 5 s window");
        store.Record("default", "web", "uid-1", "zd-node-1", T0.AddSeconds(5), Round(1.0));
        store.Record("default", "web", "uid-1", "zd-node-1", T0.AddSeconds(6), Round(1.4));

        var usage = store.GetPod("default", "web")!;
        usage.Timestamp.Should().Be(T0.AddSeconds(6));
        usage.Window.Should().Be(TimeSpan.FromSeconds(5));
        usage.CpuCores.Should().BeApproximately((1.4 - 0.2) / 5, 1e-9);
        store.GetResourceMetric("default", "web", "cpu").Should().Be(new PodMetric(240, T0.AddSeconds(6), TimeSpan.FromSeconds(5)));
        store.GetResourceMetric("default", "web", "memory")!.Value.Value.Should().Be((80L << 20) * 1000);
        store.GetResourceMetric("default", "web", "cpu", container: "other").Should().BeNull();
    }

    [Fact]
    public void A_restarted_container_starts_a_new_history_instead_of_a_negative_rate()
    {
        var store = new ResourceMetricsStore(TimeSpan.FromSeconds(2));
        store.Record("default", "web", "uid-1", "n", T0, Round(10));
        store.Record("default", "web", "uid-1", "n", T0.AddSeconds(2), Round(11));
        store.Record("default", "web", "uid-1", "n", T0.AddSeconds(3), Round(0.1)); // the process was replaced

        store.GetPod("default", "web").Should().BeNull();
        store.Record("default", "web", "uid-1", "n", T0.AddSeconds(5), Round(0.5));
        store.GetPod("default", "web")!.CpuCores.Should().BeApproximately(0.2, 1e-9);
    }

    [Fact]
    public void Stopped_pods_are_forgotten_and_a_new_pod_with_the_same_name_starts_over()
    {
        var store = new ResourceMetricsStore(TimeSpan.FromSeconds(1));
        store.Record("default", "redis-0", "uid-1", "n", T0, Round(1));
        store.Record("default", "redis-0", "uid-1", "n", T0.AddSeconds(1), Round(2));
        store.ListPods().Should().ContainSingle(p => p.Uid == "uid-1");

        store.Record("default", "redis-0", "uid-2", "n", T0.AddSeconds(2), Round(0));
        store.GetPod("default", "redis-0").Should().BeNull("the new pod has one sample");
        store.Retain(new HashSet<string>());
        store.ListPods().Should().BeEmpty();
    }

    [Theory]
    [InlineData(0.25, "250000000n")]
    [InlineData(0.0123456789, "12345679n")]
    [InlineData(0, "0n")]
    public void Cpu_is_written_in_nanocores_as_metrics_server_does(double cores, string text) => MetricsJson.Cpu(cores).Should().Be(text);

    [Theory]
    [InlineData(83_886_080L, "81920Ki")]
    [InlineData(1000L, "1000")]
    public void Memory_is_written_in_kibibytes_when_whole(long bytes, string text) => MetricsJson.Memory(bytes).Should().Be(text);

    [Fact]
    public void The_window_is_a_Go_duration() => MetricsJson.Duration(TimeSpan.FromMilliseconds(5004.469)).Should().Be("5.004469s");
}
