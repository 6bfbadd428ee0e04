using FluentAssertions;
using k8s;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;
using ZeroDowntime.Fixtures.Assertions;
using ZeroDowntime.Fixtures.Cluster;
using ZeroDowntime.Fixtures.Configuration;
using ZeroDowntime.Fixtures.Load;
using ZeroDowntime.Fixtures.Measurement;
using ZeroDowntime.Fixtures.Scenarios;
using ZeroDowntime.LocalCluster.Kubelet;

namespace ZeroDowntime.Fixtures.Tests.Load;

/// <summary>
/// The k6 Job's pod is deleted mid-scenario on the embedded cluster (the k6 double runs as k6): the run records when
/// and why the load generator stopped, keeps the attempts before it, and the success-rate verdict names the death
/// instead of quoting a rate over half a load.
/// </summary>
public sealed class LoadGeneratorDeathEndToEndTests(ITestOutputHelper output) : IDisposable
{
    private const string DoubleImage = "zerodowntime/k6-double:1.0";

    /// <summary>Named deadline for the suite to notice the deleted pod (a watch event, then the k6 generator's verdict), with margin for a loaded machine.</summary>
    private static readonly TimeSpan DeathNoticed = TimeSpan.FromSeconds(60);

    private readonly string _results = Directory.CreateTempSubdirectory("zd-load-death-").FullName;

    [Fact]
    public async Task A_deleted_k6_pod_is_recorded_with_its_time_and_the_verdict_says_so_with_the_attempts_before_it()
    {
        var fixture = ClusterFixture.WithOptions(new ClusterFixtureOptions
        {
            Settings = ZeroDowntimeSettings.Load(new Dictionary<string, string?> { ["ZD_RESULTS_DIR"] = _results }),
            WriteReports = false,
            Log = line => output.WriteLine($"{DateTime.Now:HH:mm:ss.fff} [cluster] {line}"),
            ConfigureEmbedded = o => o.Kubelet!.ImageMappings.Insert(0, new ImageMapping("zerodowntime/k6-double:*", ["{Dotnet}", Fakes.FakeJobRunner.DoubleDll])),
            LoadFactory = (host, duration) => new K6JobLoadGenerator(host.Client, K6JobTestOptions.For(host.Request.Uri, host.RunId, duration) with
            {
                Namespace = host.Namespace,
                Image = DoubleImage,
                Log = line => output.WriteLine($"{DateTime.Now:HH:mm:ss.fff} [k6] {line}"),
            }),
        });
        try
        {
            await fixture.InitializeAsync();
            var stopped = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            void Narrate(string line)
            {
                output.WriteLine($"{DateTime.Now:HH:mm:ss.fff} [run] {line}");
                if (line.StartsWith("The load generator (k6) stopped at ", StringComparison.Ordinal))
                {
                    stopped.TrySetResult(line);
                }
            }

            await using var run = await DisruptionRun.StartAsync(fixture, "SingleWorkerDisruption", Narrate);
            await run.WaitBaselineAsync();
            var pod = (await fixture.Client.CoreV1.ListNamespacedPodAsync(fixture.Namespace, labelSelector: "app.kubernetes.io/name=zerodowntime-k6")).Items.Single();
            var deletedAt = MeasurementClock.UtcNow;
            await fixture.Client.CoreV1.DeleteNamespacedPodAsync(pod.Metadata.Name, fixture.Namespace, gracePeriodSeconds: 0);

            var sentence = await stopped.Task.WaitAsync(DeathNoticed);
            await run.StopAsync();

            var stop = run.LoadGeneratorStopped!;
            stop.At.Should().BeOnOrAfter(deletedAt);
            // The kubelet's SIGTERM makes k6 (and its double) print its summary and exit 0, as on a real cluster: to the
            // scenario, a load that ended before it was stopped.
            stop.Reason.Should().Be("it ended by itself before the scenario stopped it");
            run.Result.Timeline.LoadAttempts.Should().HaveCount(stop.AttemptsBefore).And.NotBeEmpty("k6 sent load through the baseline");
            run.Result.Metrics.TotalRequests.Should().Be(stop.AttemptsBefore, "the attempts before the death stay in the report");
            sentence.Should().Be("The " + stop.ToString()[4..]);
            var verdict = () => run.Result.Should().HaveSuccessRateAbove(95, "during the disruption");
            verdict.Should().Throw<XunitException>().Which.Message.Should().Be($"Expected success rate above 95% during the disruption, but {stop}.");
            run.Result.Details.All.Should().Contain(d => d.Key == "load_generator_stopped");
        }
        finally
        {
            await fixture.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_built_in_worker_that_throws_stops_the_load_with_its_reason_and_the_attempts_before_it_stay()
    {
        var fixture = ClusterFixture.WithOptions(new ClusterFixtureOptions
        {
            Settings = ZeroDowntimeSettings.Load(new Dictionary<string, string?> { ["ZD_RESULTS_DIR"] = _results }),
            WriteReports = false,
            Log = line => output.WriteLine($"{DateTime.Now:HH:mm:ss.fff} [cluster] {line}"),
            LoadFactory = (host, duration) =>
            {
                var worker = new ZeroDowntime.Fixtures.Probes.HttpAttemptRunner(host.Request, TimeSpan.FromSeconds(2), ZeroDowntime.Fixtures.Probes.ConnectionMode.KeepAlive, AttemptSources.BuiltInLoad);
                // The 11th attempt finds the generator broken (not the service: a bug in the suite's own worker).
                return new BuiltInLoadGenerator(new LoadOptions { Request = host.Request, Rate = 5, MaxConcurrency = 10, Duration = duration })
                {
                    AttemptOverride = (k, abort) => k < 10 ? worker.RunAsync(k, abort) : throw new InvalidOperationException("the worker is broken"),
                };
            },
        });
        try
        {
            await fixture.InitializeAsync();
            await using var run = await DisruptionRun.StartAsync(fixture, "SingleWorkerDisruption", line => output.WriteLine($"{DateTime.Now:HH:mm:ss.fff} [run] {line}"));
            await run.HoldAsync(TimeSpan.FromSeconds(3), "the load's first 10 attempts at 5/s");
            await run.StopAsync();

            var stop = run.LoadGeneratorStopped;
            stop.Should().NotBeNull("the load died at its 11th attempt, 2 s in");
            stop!.Reason.Should().Be("a load worker threw InvalidOperationException: the worker is broken");
            stop.AttemptsBefore.Should().Be(10);
            run.Result.Metrics.TotalRequests.Should().Be(10);
            var verdict = () => run.Result.Should().HaveSuccessRateAbove(95, "during the disruption");
            verdict.Should().Throw<XunitException>().Which.Message.Should().Be(
                $"Expected success rate above 95% during the disruption, but the load generator (builtin) stopped at {Fixtures.Reporting.ReportFormat.Time(stop.At)} " +
                "(a load worker threw InvalidOperationException: the worker is broken); 10 attempts recorded before it.");
        }
        finally
        {
            await fixture.DisposeAsync();
        }
    }

    public void Dispose() => Directory.Delete(_results, recursive: true);
}
