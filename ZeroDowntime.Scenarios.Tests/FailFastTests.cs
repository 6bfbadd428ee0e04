using System.Diagnostics;
using FluentAssertions;
using Xunit;
using Xunit.Abstractions;
using ZeroDowntime.Fixtures.Cluster;
using ZeroDowntime.Fixtures.Configuration;
using ZeroDowntime.Kubernetes.Config;
using ZeroDowntime.Kubernetes.Pods;

namespace ZeroDowntime.Scenarios.Tests;

/// <summary>
/// A target pod that cannot start ends the fixture's start within seconds, with one sentence naming the pod, the
/// reason and the event message (manifests/negative-controls/unknown-image, missing-program, crash-loop); a pod that
/// is only not Ready is left to the deadline, whose message names per role the pods not Ready and their last event.
/// </summary>
[Collection(SelfTestCollection.Name)]
public sealed class FailFastTests(EmptyUpCluster up, ITestOutputHelper output) : IClassFixture<EmptyUpCluster>
{
    /// <summary>The issue's bound for an unknown image on the embedded cluster (cluster start included).</summary>
    private static readonly TimeSpan FailFastBound = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task An_unknown_image_fails_the_start_within_15_s_naming_the_pod_and_the_image()
    {
        var (error, took) = await StartFailureAsync(Embedded("unknown-image"));

        error.Should().BeOfType<PodStartFailedException>().Which.Message.Should()
            .MatchRegex(@"^Pod default/ray-worker-[a-z0-9]+-[a-z0-9]+ cannot start: container ray-worker is waiting with ErrImagePull: " +
                        @"the local cluster cannot run image zerodowntime/no-such-image:1\.0; add an image mapping\.$");
        took.Should().BeLessThan(FailFastBound);
    }

    [Fact]
    public async Task A_missing_program_fails_the_start_naming_the_pod_and_the_program()
    {
        var (error, took) = await StartFailureAsync(Embedded("missing-program"));

        error.Should().BeOfType<PodStartFailedException>().Which.Message.Should()
            .MatchRegex(@"^Pod default/redis-\d cannot start: container redis is waiting with CreateContainerError: " +
                        @"image redis:7\.2 maps to zd-missing-redis-server, which is not installed\.$");
        took.Should().BeLessThan(FailFastBound);
    }

    [Fact]
    public async Task A_container_that_exits_at_once_fails_with_CrashLoopBackOff_and_its_last_log_lines()
    {
        var (error, took) = await StartFailureAsync(Embedded("crash-loop"));

        var failure = error.Should().BeOfType<PodStartFailedException>().Which.Failure;
        failure.Reason.Should().Be("CrashLoopBackOff");
        failure.Pod.Should().StartWith("ray-head-");
        failure.Message.Should().NotBeNull();
        error.Message.Should().Contain("after 1 restart(s), last exit code 2 (Error) (event BackOff: Back-off restarting failed container ray-head")
            .And.EndWith("its last log lines: Unknown flag '--redis-username'; see --help.");
        took.Should().BeLessThan(FailFastBound);
    }

    [Fact]
    public async Task Pods_that_run_but_never_get_Ready_are_left_to_the_deadline_whose_message_names_them_and_their_last_event()
    {
        var folder = Directory.CreateTempSubdirectory("zd-not-ready-").FullName;
        try
        {
            foreach (var file in Directory.GetFiles(ManifestLocator.Find(Path.Combine("manifests", ManifestLocator.SampleTarget)), "*.yaml"))
            {
                // Workers answer 503 on their readiness route: Running, never Ready, nothing terminal.
                var text = (await File.ReadAllTextAsync(file)).Replace("\"--startup-delay\", \"500ms\"", "\"--startup-delay\", \"500ms\", \"--fail-readiness\"", StringComparison.Ordinal);
                await File.WriteAllTextAsync(Path.Combine(folder, Path.GetFileName(file)), text);
            }

            (await File.ReadAllTextAsync(Path.Combine(folder, "20-ray-workers.yaml"))).Should().Contain("--fail-readiness", "the workers' readiness must be broken");
            var (error, took) = await StartFailureAsync(Embedded(folder, ("ZD_TIMING__CLUSTER_READY_TIMEOUT", "10s")));

            error.Should().BeOfType<TimeoutException>().Which.Message.Should().MatchRegex(
                // Head and Redis are Ready by then on any machine; the workers never are.
                @"^The target's pods were not Ready within ZD_TIMING__CLUSTER_READY_TIMEOUT \(10 s\): head \d/1 Ready, worker 0/3 Ready, redis \d/3 Ready\. " +
                @"Last seen: (.*; )?worker: (ray-worker-\S+ \(Running, container ray-worker not ready; last event: Unhealthy( \(x\d+\))?: Readiness probe failed: [^)]*\)(, )?){3}(; .*)?\.$");
            took.Should().BeGreaterThan(TimeSpan.FromSeconds(10));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task In_kubeconfig_mode_against_up_an_unknown_image_fails_the_start_the_same_way()
    {
        using (var client = new KubeConfigLoader().Load(up.Kubeconfig, "zd-local").CreateClient())
        {
            await ManifestApply.ApplyAsync(client, ManifestLocator.Find(Path.Combine("manifests", "negative-controls", "unknown-image")));
        }

        var results = Path.Combine(AppContext.BaseDirectory, "TestResults", "fail-fast", Guid.NewGuid().ToString("N")[..8]);
        var (error, took) = await StartFailureAsync(new ClusterFixtureOptions
        {
            Settings = ZeroDowntimeSettings.Load(KubeconfigSettings.Environment(up, allowDisruption: false, results)),
            WriteReports = false,
            Log = output.WriteLine,
        });

        error.Should().BeOfType<PodStartFailedException>().Which.Message.Should()
            .Contain("cannot start: container ray-worker is waiting with ErrImagePull: the local cluster cannot run image zerodowntime/no-such-image:1.0");
        took.Should().BeLessThan(FailFastBound);
    }

    private ClusterFixtureOptions Embedded(string folder, params (string Name, string Value)[] settings)
    {
        var environment = new Dictionary<string, string?> { ["ZD_RESULTS_DIR"] = Path.Combine(AppContext.BaseDirectory, "TestResults", "fail-fast", Guid.NewGuid().ToString("N")[..8]) };
        foreach (var (name, value) in settings)
        {
            environment[name] = value;
        }

        return new ClusterFixtureOptions
        {
            Settings = ZeroDowntimeSettings.Load(environment),
            Manifests = Path.IsPathRooted(folder) ? folder : Path.Combine("manifests", "negative-controls", folder),
            WriteReports = false,
            Log = line => output.WriteLine($"{DateTime.Now:HH:mm:ss.fff} [cluster] {line}"),
        };
    }

    private async Task<(Exception Error, TimeSpan Took)> StartFailureAsync(ClusterFixtureOptions options)
    {
        var fixture = ClusterFixture.WithOptions(options);
        var clock = Stopwatch.StartNew();
        try
        {
            await fixture.InitializeAsync();
        }
        catch (Exception e)
        {
            clock.Stop();
            output.WriteLine($"failed after {clock.Elapsed.TotalSeconds:0.0} s: {e.GetType().Name}: {e.Message}");
            return (e, clock.Elapsed);
        }
        finally
        {
            await fixture.DisposeAsync();
        }

        throw new InvalidOperationException("The fixture started although its target cannot be Ready.");
    }
}
