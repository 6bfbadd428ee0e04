using FluentAssertions;
using Xunit;
using Xunit.Abstractions;
using ZeroDowntime.Fixtures.Load;
using ZeroDowntime.Fixtures.Measurement;
using ZeroDowntime.Fixtures.Tests.Fakes;
using ZeroDowntime.Fixtures.Tests.Probes;

namespace ZeroDowntime.Fixtures.Tests.Load;

/// <summary>
/// The k6 Job lifecycle against a fake API server whose fake kubelet runs ZeroDowntime.K6Double as the
/// pod's process (real process, real log lines, real REST API behind the pod proxy).
/// </summary>
public sealed class K6JobLoadGeneratorTests(ITestOutputHelper output) : IAsyncLifetime
{
    private FakeKubeApiServer _api = null!;
    private LoopbackHttpServer _target = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeKubeApiServer.StartAsync();
        _target = LoopbackHttpServer.Start();
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _target.DisposeAsync();
    }

    [Fact]
    public async Task Stops_on_demand_collects_the_summary_and_deletes_the_Job_and_ConfigMap()
    {
        _api.Jobs = new FakeJobRunner();
        using var client = _api.CreateClient();
        await using var load = new K6JobLoadGenerator(client, Options());
        await load.StartAsync();
        load.Attempts.Should().NotBeEmpty("StartAsync returns at the first attempt");
        _api.All("jobs", "zd").Should().ContainSingle();
        _api.All("configmaps", "zd").Should().ContainSingle();

        var summary = await load.StopAsync();

        summary.Generator.Should().Be("k6");
        summary.Attempts.Should().BeGreaterThan(0);
        summary.Successes.Should().Be(summary.Attempts, "the target answers every request with generated_text");
        var stop = _api.ProxyRequests.Should().ContainSingle().Subject;
        (stop.Method, stop.Path, stop.Body).Should().Be(("PATCH", "/v1/status", """{"data":{"type":"status","id":"default","attributes":{"stopped":true}}}"""));
        System.Net.Http.Headers.MediaTypeHeaderValue.Parse(stop.ContentType!).MediaType.Should().Be(K6JobStopRequest.ContentType);
        _api.All("jobs", "zd").Should().BeEmpty();
        _api.All("configmaps", "zd").Should().BeEmpty();
        _api.Requests.Should().Contain(r => r.StartsWith("DELETE /apis/batch/v1/namespaces/zd/jobs/", StringComparison.Ordinal));
        load.Completion.IsCompletedSuccessfully.Should().BeTrue();
        load.CleanupErrors.Should().BeEmpty();
    }

    [Fact]
    public async Task Every_attempt_line_becomes_a_k6_record_and_they_add_up_to_the_summary()
    {
        _api.Jobs = new FakeJobRunner();
        using var client = _api.CreateClient();
        await using var load = new K6JobLoadGenerator(client, Options());
        await load.StartAsync();
        var summary = await load.StopAsync();

        var attempts = load.Attempts;
        attempts.Should().OnlyContain(a => a.Source == AttemptSources.K6 && a.Succeeded && a.HttpStatus == 200);
        attempts.Should().HaveCount((int)summary.Attempts, "the summary line comes after the last attempt line");
        attempts.Select(a => a.Sequence).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task A_broken_log_stream_is_resumed_without_losing_or_repeating_attempts()
    {
        var runner = new FakeJobRunner();
        _api.Jobs = runner;
        using var client = _api.CreateClient();
        await using var load = new K6JobLoadGenerator(client, Options());
        await load.StartAsync();
        var log = runner.LogOf(runner.Pods.Single())!;
        for (var i = 0; i < 3; i++)
        {
            var before = log.Count;
            await WaitForAsync(() => log.Count > before + 5, "the double to print more lines");
            log.BreakFollowers();
        }

        var summary = await load.StopAsync();
        var sequences = load.Attempts.Select(a => a.Sequence).Order().ToList();
        sequences.Should().OnlyHaveUniqueItems();
        sequences.Should().HaveCount((int)summary.Attempts);
        _api.Requests.Count(r => r.Contains("/log?", StringComparison.Ordinal) && r.Contains("sinceSeconds=", StringComparison.Ordinal)).Should().BeGreaterThanOrEqualTo(3);
    }

    [Fact]
    public async Task Failing_attempts_that_reach_the_stop_are_a_service_result_not_a_generator_failure()
    {
        _api.Jobs = new FakeJobRunner();
        _target.Refuse();
        using var client = _api.CreateClient();
        await using var load = new K6JobLoadGenerator(client, Options());
        await load.StartAsync();
        var summary = await load.StopAsync();

        summary.Successes.Should().Be(0);
        summary.Attempts.Should().BeGreaterThan(0);
        summary.ThresholdsPassed.Should().BeFalse();
        load.Attempts.Should().OnlyContain(a => a.ErrorKind == AttemptErrorKind.ConnectionRefused);
    }

    [Fact]
    public async Task A_run_that_ends_by_itself_is_collected_without_a_stop_request()
    {
        _api.Jobs = new FakeJobRunner();
        using var client = _api.CreateClient();
        await using var load = new K6JobLoadGenerator(client, Options() with { Load = Options().Load with { Duration = TimeSpan.FromSeconds(2) } });
        await load.StartAsync();
        await load.Completion.WaitAsync(TimeSpan.FromSeconds(60));

        var summary = await load.StopAsync();
        summary.Attempts.Should().BeGreaterThan(0);
        _api.ProxyRequests.Should().BeEmpty();
        _api.All("jobs", "zd").Should().BeEmpty();
    }

    [Fact]
    public async Task A_crashing_generator_is_retried_once_then_reported_as_a_load_generator_failure()
    {
        var runner = new FakeJobRunner { DoubleFailure = _ => "crash-on-start" };
        _api.Jobs = runner;
        using var client = _api.CreateClient();
        await using var load = new K6JobLoadGenerator(client, Options());

        var failure = await FluentActions.Awaiting(() => load.StartAsync()).Should().ThrowAsync<LoadGeneratorFailedException>();

        var message = failure.Which.Message;
        output.WriteLine(message);
        message.Should().StartWith("The LOAD GENERATOR (k6) failed, not the service under test");
        message.Should().Contain("It was tried 2 times.").And.Contain("k6 exited with code 107 (script exception)").And.Contain("ReferenceError");
        failure.Which.Tries.Should().HaveCount(2);
        load.Tries.Should().Be(2);
        runner.Pods.Should().HaveCount(2, "the retry uses a fresh Job");
        _api.All("jobs", "zd").Should().BeEmpty();
        _api.All("configmaps", "zd").Should().BeEmpty();
    }

    [Fact]
    public async Task A_generator_that_crashes_once_runs_on_its_retry()
    {
        var runner = new FakeJobRunner { DoubleFailure = n => n == 1 ? "crash-on-start" : null };
        _api.Jobs = runner;
        using var client = _api.CreateClient();
        await using var load = new K6JobLoadGenerator(client, Options());
        await load.StartAsync();
        var summary = await load.StopAsync();

        load.Tries.Should().Be(2);
        load.CurrentNames!.Job.Should().EndWith("-t2");
        summary.Attempts.Should().BeGreaterThan(0);
        _api.All("jobs", "zd").Should().BeEmpty();
    }

    [Fact]
    public async Task An_image_that_cannot_be_pulled_fails_fast_with_the_events_as_evidence()
    {
        _api.Jobs = new FakeJobRunner(_ => FakePodBehavior.ImagePullError);
        using var client = _api.CreateClient();
        await using var load = new K6JobLoadGenerator(client, Options() with { StartTimeout = TimeSpan.FromMinutes(5) });
        var started = DateTimeOffset.UtcNow;

        var failure = await FluentActions.Awaiting(() => load.StartAsync()).Should().ThrowAsync<LoadGeneratorFailedException>();

        (DateTimeOffset.UtcNow - started).Should().BeLessThan(TimeSpan.FromMinutes(1), "ErrImagePull is terminal for the fixture; it does not wait for the start deadline");
        failure.Which.Message.Should().Contain("the k6 image cannot be pulled (ErrImagePull)")
            .And.Contain("Warning Failed (x2): Failed to pull image \"zerodowntime/k6-double:test\": not found")
            .And.Contain("phase Pending");
    }

    [Fact]
    public async Task Only_an_image_failure_carries_the_hint_about_ZD_LOAD()
    {
        _api.Jobs = new FakeJobRunner(_ => FakePodBehavior.ImagePullError);
        using var client = _api.CreateClient();
        await using var pull = new K6JobLoadGenerator(client, Options() with { MaxTries = 1, ImageFailureHint = "Set ZD_LOAD=builtin." });

        var failure = await FluentActions.Awaiting(() => pull.StartAsync()).Should().ThrowAsync<LoadGeneratorFailedException>();

        failure.Which.Message.Should().EndWith(Environment.NewLine + "Set ZD_LOAD=builtin.");
        new LoadGeneratorFailedException("k6", ["Job a: k6 exited with code 107 (script exception)."], hint: null).Message.Should().NotContain("ZD_LOAD");
    }

    [Fact]
    public async Task An_OOM_killed_generator_is_a_load_generator_failure()
    {
        _api.Jobs = new FakeJobRunner(_ => FakePodBehavior.OomKilled);
        using var client = _api.CreateClient();
        await using var load = new K6JobLoadGenerator(client, Options());

        var failure = await FluentActions.Awaiting(() => load.StartAsync()).Should().ThrowAsync<LoadGeneratorFailedException>();

        failure.Which.Message.Should().Contain("the k6 container ran out of memory (OOMKilled)").And.Contain("exit code 137");
    }

    [Fact]
    public async Task A_generator_that_never_starts_fails_at_the_named_start_deadline()
    {
        _api.Jobs = new FakeJobRunner { DoubleFailure = _ => "never-start" };
        using var client = _api.CreateClient();
        await using var load = new K6JobLoadGenerator(client, Options() with { StartTimeout = TimeSpan.FromSeconds(3), MaxTries = 1 });

        var failure = await FluentActions.Awaiting(() => load.StartAsync()).Should().ThrowAsync<LoadGeneratorFailedException>();

        failure.Which.Message.Should().Contain("k6 reported no attempt within the load start deadline ZD_TIMING__LOAD__START_TIMEOUT (3 s); k6 is running")
            .And.Contain("It was tried 1 time.");
        _api.All("jobs", "zd").Should().BeEmpty();
    }

    [Fact]
    public async Task A_generator_that_ignores_the_stop_fails_at_the_named_summary_deadline()
    {
        _api.Jobs = new FakeJobRunner { DoubleFailure = _ => "hang" };
        using var client = _api.CreateClient();
        await using var load = new K6JobLoadGenerator(client, Options() with { SummaryTimeout = TimeSpan.FromSeconds(3) });
        await load.StartAsync();

        var failure = await FluentActions.Awaiting(() => load.StopAsync()).Should().ThrowAsync<LoadGeneratorFailedException>();

        failure.Which.Message.Should().Contain("no summary within the k6 summary deadline (3 s) after the stop request");
        load.Completion.IsFaulted.Should().BeTrue();
        _api.All("jobs", "zd").Should().BeEmpty();
        _api.All("configmaps", "zd").Should().BeEmpty();
    }

    [Fact]
    public async Task A_generator_that_dies_mid_run_faults_Completion_and_StopAsync_says_the_generator_failed()
    {
        var runner = new FakeJobRunner();
        _api.Jobs = runner;
        using var client = _api.CreateClient();
        await using var load = new K6JobLoadGenerator(client, Options());
        await load.StartAsync();
        runner.Kill(runner.Pods.Single());

        var died = await FluentActions.Awaiting(() => load.Completion.WaitAsync(TimeSpan.FromSeconds(60))).Should().ThrowAsync<LoadGeneratorFailedException>();
        died.Which.Message.Should().Contain("k6 exited with code 137 (killed (SIGKILL))");
        var stop = await FluentActions.Awaiting(() => load.StopAsync()).Should().ThrowAsync<LoadGeneratorFailedException>();
        stop.Which.Message.Should().StartWith("The LOAD GENERATOR (k6) failed").And.Contain("exit code 137");
        _api.ProxyRequests.Should().BeEmpty("a dead k6 is not asked to stop");
        _api.All("jobs", "zd").Should().BeEmpty();
    }

    [Fact]
    public async Task Dispose_after_a_start_deletes_what_was_created()
    {
        _api.Jobs = new FakeJobRunner();
        using var client = _api.CreateClient();
        var load = new K6JobLoadGenerator(client, Options());
        await load.StartAsync();
        await load.DisposeAsync();

        _api.All("jobs", "zd").Should().BeEmpty();
        _api.All("configmaps", "zd").Should().BeEmpty();
    }

    private K6JobOptions Options() => K6JobTestOptions.For(_target.Uri) with { Log = line => output.WriteLine($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {line}") };

    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        // The fake log has no change event the test can reach; a short poll with a wide deadline is test-only plumbing.
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after 30 s waiting for {what}.");
            }

            await Task.Delay(20);
        }
    }
}
