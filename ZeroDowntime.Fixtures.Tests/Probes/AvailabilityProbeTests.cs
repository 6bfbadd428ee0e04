using System.Net;
using System.Net.Sockets;
using FluentAssertions;
using Xunit;
using ZeroDowntime.Fixtures.Measurement;
using ZeroDowntime.Fixtures.Probes;

namespace ZeroDowntime.Fixtures.Tests.Probes;

public class AvailabilityProbeTests
{
    /// <summary>How long each test lets the probe measure: the experiment's length.</summary>
    private static readonly TimeSpan MeasuredFor = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan StopDeadline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Attempts_start_on_the_schedule_computed_from_t0_and_never_early()
    {
        await using var server = LoopbackHttpServer.Start();
        await using var probe = new AvailabilityProbe(InferenceRequest.Completion(server.Uri), new AvailabilityProbeOptions { Rate = 50 });

        probe.Start();
        await Task.Delay(MeasuredFor);
        var attempts = await probe.StopAsync().WaitAsync(StopDeadline);

        attempts.Select(a => a.Sequence).Order().Should().Equal(Enumerable.Range(0, attempts.Count).Select(i => (long)i), "no attempt is skipped or lost");
        attempts.Should().HaveCountGreaterThanOrEqualTo(45);
        var lateness = attempts.Select(a => a.Start - probe.DueTime(a.Sequence)).Order().ToList();
        lateness[0].Should().BeGreaterThanOrEqualTo(TimeSpan.Zero, "an attempt never starts before it is due");
        lateness[lateness.Count / 2].Should().BeLessThan(TimeSpan.FromMilliseconds(20), "the median attempt starts on time");
        attempts.Should().OnlyContain(a => a.Succeeded && a.HttpStatus == 200 && a.Source == AttemptSources.Probe);
    }

    [Fact]
    public async Task Fresh_connection_mode_opens_one_connection_per_attempt()
    {
        await using var server = LoopbackHttpServer.Start();
        await using var probe = new AvailabilityProbe(InferenceRequest.Completion(server.Uri), new AvailabilityProbeOptions { Rate = 20, ConnectionMode = ConnectionMode.FreshConnection });

        probe.Start();
        await Task.Delay(MeasuredFor);
        var attempts = await probe.StopAsync().WaitAsync(StopDeadline);

        server.Connections.Should().Be(attempts.Count);
    }

    [Fact]
    public async Task Keep_alive_mode_reuses_pooled_connections()
    {
        await using var server = LoopbackHttpServer.Start();
        await using var probe = new AvailabilityProbe(InferenceRequest.Completion(server.Uri), new AvailabilityProbeOptions { Rate = 20, ConnectionMode = ConnectionMode.KeepAlive });

        probe.Start();
        await Task.Delay(MeasuredFor);
        var attempts = await probe.StopAsync().WaitAsync(StopDeadline);

        attempts.Should().HaveCountGreaterThanOrEqualTo(15);
        server.Connections.Should().BeLessThanOrEqualTo(attempts.Count / 3, "sequential attempts 50 ms apart share a pooled connection");
    }

    [Fact]
    public async Task A_refused_connection_is_recorded_as_a_refusal_not_thrown()
    {
        var closedPort = ClosedLoopbackPort();
        await using var probe = new AvailabilityProbe(
            InferenceRequest.Completion(new Uri($"http://127.0.0.1:{closedPort}/")), new AvailabilityProbeOptions { Rate = 20 });

        probe.Start();
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        var attempts = await probe.StopAsync().WaitAsync(StopDeadline);

        attempts.Should().NotBeEmpty().And.OnlyContain(a =>
            a.Outcome == AttemptOutcome.Failure && a.ErrorKind == AttemptErrorKind.ConnectionRefused && a.HttpStatus == null && a.Detail != null);
    }

    [Theory]
    [InlineData(503, """{"generated_text":"Paris"}""", AttemptErrorKind.HttpStatus)]
    [InlineData(200, """{"generated_text":""}""", AttemptErrorKind.BadBody)]
    [InlineData(200, "not json", AttemptErrorKind.BadBody)]
    [InlineData(200, """{"generated_text":"Paris"}""", AttemptErrorKind.None)]
    public async Task Responses_are_judged_by_the_requests_success_check(int status, string body, AttemptErrorKind expected)
    {
        await using var server = LoopbackHttpServer.Start(status, body);
        await using var probe = new AvailabilityProbe(InferenceRequest.Completion(server.Uri), new AvailabilityProbeOptions { Rate = 20 });

        probe.Start();
        await Task.Delay(TimeSpan.FromMilliseconds(200));
        var attempts = await probe.StopAsync().WaitAsync(StopDeadline);

        attempts.Should().NotBeEmpty().And.OnlyContain(a => a.ErrorKind == expected && a.HttpStatus == status
            && a.Succeeded == (expected == AttemptErrorKind.None));
    }

    [Fact]
    public async Task Stop_waits_for_attempts_in_flight_and_records_them()
    {
        await using var server = LoopbackHttpServer.Start();
        await using var probe = new AvailabilityProbe(InferenceRequest.Completion(server.Uri), new AvailabilityProbeOptions { Rate = 20, AttemptTimeout = TimeSpan.FromMilliseconds(400) });
        server.Hang();

        probe.Start();
        await Task.Delay(TimeSpan.FromMilliseconds(200));
        var attempts = await probe.StopAsync().WaitAsync(StopDeadline);

        attempts.Should().HaveCountGreaterThanOrEqualTo(3).And.OnlyContain(a => a.ErrorKind == AttemptErrorKind.Timeout);
        attempts.Should().OnlyContain(a => a.Latency >= TimeSpan.FromMilliseconds(380), "each attempt waited for its own timeout (timers may fire a tick early)");
        probe.InFlight.Should().Be(0);
    }

    [Fact]
    public async Task A_probe_runs_once_and_a_probe_never_started_has_no_attempts()
    {
        await using var server = LoopbackHttpServer.Start();
        await using var idle = new AvailabilityProbe(InferenceRequest.Completion(server.Uri));
        (await idle.StopAsync()).Should().BeEmpty();

        await using var probe = new AvailabilityProbe(InferenceRequest.Completion(server.Uri));
        probe.Start();
        var again = () => probe.Start();
        again.Should().Throw<InvalidOperationException>().WithMessage("An AvailabilityProbe can be started only once.");
    }

    [Fact]
    public void A_rate_that_is_not_positive_is_rejected_with_a_clear_message()
    {
        var act = () => new AvailabilityProbe(InferenceRequest.Completion(new Uri("http://127.0.0.1:1/")), new AvailabilityProbeOptions { Rate = 0 });

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("The rate must be a positive number of attempts per second.*");
    }

    private static int ClosedLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
