using ZeroDowntime.Kubernetes.Legacy;
using System.Diagnostics;
using FluentAssertions;
using ZeroDowntime.Kubernetes.Legacy.Models;
using ZeroDowntime.Kubernetes.Tests.Fakes;

namespace ZeroDowntime.Kubernetes.Tests.Client;

public class RetryTests
{
    private const string PodPath = "/api/v1/namespaces/default/pods/p";

    [Fact]
    public async Task A_429_is_retried_after_the_servers_retry_after()
    {
        await using var server = await FakeApiServer.StartAsync();
        var calls = 0;
        server.On("GET", PodPath, (ctx, _) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                ctx.Response.Headers.RetryAfter = "1";
                return ctx.WriteStatusAsync(429, "TooManyRequests", "slow down");
            }
            return ctx.WriteJsonAsync(200, new Pod { Metadata = new ObjectMeta { Name = "p" } });
        });
        var log = new List<string>();
        using var client = ClientFactory.Create(server, ClientFactory.FastOptions(log));

        var clock = Stopwatch.StartNew();
        var pod = await client.GetAsync<Pod>("p");

        pod.Metadata.Name.Should().Be("p");
        server.Requests.Should().HaveCount(2);
        clock.Elapsed.Should().BeGreaterThan(TimeSpan.FromMilliseconds(900), "Retry-After: 1 asks for a one second pause, far above the 10 ms backoff");
        log.Should().ContainSingle().Which.Should().Be($"GET {PodPath}: 429 TooManyRequests; retry 1 of 3 in 1 s");
    }

    [Fact]
    public async Task A_503_is_retried_up_to_the_limit_then_reported()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.On("GET", PodPath, (ctx, _) => ctx.WriteStatusAsync(503, "ServiceUnavailable", "etcd is unhappy"));
        using var client = ClientFactory.Create(server);

        var act = () => client.GetAsync<Pod>("p");

        await act.Should().ThrowAsync<KubernetesApiException>().WithMessage($"GET {PodPath} failed: 503 ServiceUnavailable: etcd is unhappy");
        server.Requests.Should().HaveCount(4, "one attempt plus MaxRetries = 3");
    }

    [Fact]
    public async Task A_503_then_success_returns_the_object()
    {
        await using var server = await FakeApiServer.StartAsync();
        var calls = 0;
        server.On("GET", PodPath, (ctx, _) => Interlocked.Increment(ref calls) <= 2
            ? ctx.WriteStatusAsync(503, "ServiceUnavailable", "later")
            : ctx.WriteJsonAsync(200, new Pod { Metadata = new ObjectMeta { Name = "p" } }));
        using var client = ClientFactory.Create(server);

        (await client.GetAsync<Pod>("p")).Metadata.Name.Should().Be("p");
        server.Requests.Should().HaveCount(3);
    }

    [Fact]
    public async Task A_create_is_never_retried()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.On("POST", "/api/v1/namespaces/default/configmaps", (ctx, _) => ctx.WriteStatusAsync(503, "ServiceUnavailable", "later"));
        server.On("POST", "/api/v1/namespaces/default/services", (ctx, _) => ctx.WriteStatusAsync(429, "TooManyRequests", "later"));
        using var client = ClientFactory.Create(server);

        await FluentActions.Awaiting(() => client.CreateAsync(new ConfigMap { Metadata = new ObjectMeta { Name = "c" } }))
            .Should().ThrowAsync<KubernetesApiException>();
        await FluentActions.Awaiting(() => client.CreateAsync(new Service { Metadata = new ObjectMeta { Name = "s" } }))
            .Should().ThrowAsync<KubernetesApiException>();

        server.Requests.Should().HaveCount(2, "each POST was sent exactly once");
    }

    [Fact]
    public async Task A_json_patch_is_not_retried_but_a_merge_patch_is()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.On("PATCH", "/api/v1/nodes/n", (ctx, _) => ctx.WriteStatusAsync(503, "ServiceUnavailable", "later"));
        using var client = ClientFactory.Create(server);

        await FluentActions.Awaiting(() => client.PatchAsync<Node>("n", KubePatch.JsonPatch(new[] { new { op = "add", path = "/spec/taints/-", value = new { key = "k" } } })))
            .Should().ThrowAsync<KubernetesApiException>();
        server.Requests.Should().HaveCount(1);

        await FluentActions.Awaiting(() => client.PatchAsync<Node>("n", KubePatch.Merge(new { spec = new { unschedulable = true } })))
            .Should().ThrowAsync<KubernetesApiException>();
        server.Requests.Should().HaveCount(5);
    }

    [Fact]
    public async Task A_401_invalidates_the_credentials_and_retries_once_with_the_fresh_token()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.On("GET", PodPath, (ctx, r) => r.Authorization!.EndsWith("-refreshed", StringComparison.Ordinal)
            ? ctx.WriteJsonAsync(200, new Pod())
            : ctx.WriteStatusAsync(401, "Unauthorized", "Unauthorized"));
        var credentials = new TestCredentials(TestCredentials.SecretToken);
        using var client = ClientFactory.Create(server, credentials: credentials);

        await client.GetAsync<Pod>("p");

        credentials.Invalidations.Should().Be(1);
        server.Requests.Select(r => r.Authorization).Should().Equal(
            $"Bearer {TestCredentials.SecretToken}", $"Bearer {TestCredentials.SecretToken}-refreshed");
    }

    [Fact]
    public async Task A_second_401_is_not_retried_again()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.On("POST", "/api/v1/namespaces/default/configmaps", (ctx, _) => ctx.WriteStatusAsync(401, "Unauthorized", "Unauthorized"));
        var credentials = new TestCredentials(TestCredentials.SecretToken);
        using var client = ClientFactory.Create(server, credentials: credentials);

        var act = () => client.CreateAsync(new ConfigMap { Metadata = new ObjectMeta { Name = "c" } });

        await act.Should().ThrowAsync<KubernetesApiException>()
            .WithMessage("POST /api/v1/namespaces/default/configmaps failed: 401 Unauthorized: Unauthorized");
        credentials.Invalidations.Should().Be(1);
        server.Requests.Should().HaveCount(2, "the 401 retry applies even to a POST, since the server rejected it unprocessed");
    }

    [Fact]
    public async Task A_401_is_not_retried_when_the_credentials_cannot_change()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.On("GET", PodPath, (ctx, _) => ctx.WriteStatusAsync(401, "Unauthorized", "Unauthorized"));
        var credentials = new TestCredentials(TestCredentials.SecretToken, refreshes: false);
        using var client = ClientFactory.Create(server, credentials: credentials);

        await FluentActions.Awaiting(() => client.GetAsync<Pod>("p")).Should().ThrowAsync<KubernetesApiException>();

        credentials.Invalidations.Should().Be(1);
        server.Requests.Should().HaveCount(1);
    }

    [Fact]
    public async Task A_slow_server_fails_the_call_at_the_request_timeout()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.On("GET", PodPath, async (ctx, _) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(20), ctx.RequestAborted); // The slowness is the behaviour under test.
        });
        using var client = ClientFactory.Create(server, ClientFactory.FastOptions() with { RequestTimeout = TimeSpan.FromMilliseconds(500) });

        var clock = Stopwatch.StartNew();
        var act = () => client.GetAsync<Pod>("p");

        await act.Should().ThrowAsync<TimeoutException>().WithMessage(
            $"GET {PodPath} timed out after 0.5 s waiting for the Kubernetes API server at {server.Uri.AbsoluteUri.TrimEnd('/')}.");
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
        server.Requests.Should().HaveCount(1, "a timeout is not retried");
    }

    [Fact]
    public async Task An_unreachable_server_is_named_in_the_message()
    {
        var freed = await FreePortAsync();
        var server = new Uri($"http://127.0.0.1:{freed}");
        var log = new List<string>();
        using var client = new KubernetesClient(ClientFactory.Connection(server), ClientFactory.FastOptions(log) with { MaxRetries = 2 });

        var act = () => client.ListAsync<Pod>();

        await act.Should().ThrowAsync<KubernetesConnectionException>()
            .WithMessage($"could not reach the Kubernetes API server at http://127.0.0.1:{freed}: connection refused");
        log.Should().HaveCount(2).And.AllSatisfy(l => l.Should().StartWith("GET /api/v1/namespaces/default/pods: connection refused; retry"));
    }

    [Fact]
    public async Task An_exception_from_an_extra_handler_propagates_unchanged_and_is_not_retried()
    {
        await using var server = await FakeApiServer.StartAsync();
        var calls = 0;
        var options = ClientFactory.FastOptions() with
        {
            Handlers = [() => new ThrowingHandler(() => { Interlocked.Increment(ref calls); return new InvalidOperationException("guard closed"); })],
        };
        using var client = ClientFactory.Create(server, options);

        var act = () => client.GetAsync<Pod>("p");

        await act.Should().ThrowExactlyAsync<InvalidOperationException>().WithMessage("guard closed");
        calls.Should().Be(1);
        server.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task A_bare_socket_error_is_a_connection_failure_retried_on_reads_and_reported_on_writes()
    {
        // SocketsHttpHandler can surface a connection reset during connect as a bare SocketException
        // ("Transport endpoint is not connected") instead of wrapping it in an HttpRequestException.
        await using var server = await FakeApiServer.StartAsync();
        server.On("GET", PodPath, (ctx, _) => ctx.WriteJsonAsync(200, new Pod { Metadata = new ObjectMeta { Name = "p" } }));
        var failuresLeft = 1;
        var options = ClientFactory.FastOptions() with
        {
            Handlers = [() => new FailOnceHandler(() => Interlocked.Decrement(ref failuresLeft) >= 0, () => new System.Net.Sockets.SocketException(107))],
        };
        using var client = ClientFactory.Create(server, options);

        (await client.GetAsync<Pod>("p")).Metadata.Name.Should().Be("p");
        failuresLeft = 1;
        var create = () => client.CreateAsync(new ConfigMap { Metadata = new ObjectMeta { Name = "c" } });

        (await create.Should().ThrowAsync<KubernetesConnectionException>()).Which.Message.Should().StartWith($"could not reach the Kubernetes API server at {server.Uri.ToString().TrimEnd('/')}: ");
    }

    [Fact]
    public async Task Extra_handlers_run_outermost_first()
    {
        await using var server = await FakeApiServer.StartAsync();
        var order = new List<string>();
        var options = ClientFactory.FastOptions() with
        {
            Handlers = [() => new RecordingHandler("outer", order), () => new RecordingHandler("inner", order)],
        };
        using var client = ClientFactory.Create(server, options);

        await client.TryGetAsync<Pod>("p");

        order.Should().Equal("outer", "inner");
    }

    private static async Task<int> FreePortAsync()
    {
        await using var probe = await FakeApiServer.StartAsync();
        return probe.Uri.Port;
    }

    private sealed class ThrowingHandler(Func<Exception> exception) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw exception();
    }

    private sealed class FailOnceHandler(Func<bool> shouldFail, Func<Exception> exception) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            shouldFail() ? throw exception() : base.SendAsync(request, cancellationToken);
    }

    private sealed class RecordingHandler(string name, List<string> order) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            order.Add(name);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
