using System.Diagnostics;
using Xunit;

namespace ZeroDowntime.LocalCluster.Tests.Support;

/// <summary>One embedded cluster running manifests/sample-target with real processes, shared by a test class.</summary>
public sealed class SampleTargetFixture : IAsyncLifetime
{
    private ProcessCluster? _cluster;

    internal ProcessCluster Cluster => _cluster ?? throw new InvalidOperationException("the sample target did not start");

    /// <summary>From applying the manifests to every workload Ready.</summary>
    public TimeSpan TimeToReady { get; private set; }

    public static string ManifestDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "manifests", "sample-target");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"manifests/sample-target not found above {AppContext.BaseDirectory}");
    }

    public async Task InitializeAsync()
    {
        _cluster = await ProcessCluster.StartAsync(controllers: true, nodes: 4);
        var clock = Stopwatch.StartNew();
        await _cluster.Host.ApplyManifestsAsync(ManifestDirectory());
        await _cluster.Host.WaitUntilReadyAsync(Timeouts.SampleTargetReady);
        TimeToReady = clock.Elapsed;
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
