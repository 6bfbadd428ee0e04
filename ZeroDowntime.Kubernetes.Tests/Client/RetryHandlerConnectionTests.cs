using System.Net.Sockets;
using FluentAssertions;
using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Http;
using ZeroDowntime.Kubernetes.Tests.Fakes;

namespace ZeroDowntime.Kubernetes.Tests.Client;

/// <summary>RetryHandler and the network: refused and reset connections, stalled attempts, streams that must not be buffered, extra handlers.</summary>
public class RetryHandlerConnectionTests
{
    private const string PodPath = "/api/v1/namespaces/default/pods/p";

    private static readonly string PodJson = KubeJson.Serialize(Objects.Pod("p", "7"));

    private static Task Pod(HttpContext ctx) => ctx.WriteRawAsync(200, PodJson);

    private static string Address(Uri server) => $"http://127.0.0.1:{server.Port}";

    [Fact]
    public async Task A_refused_connection_is_retried_then_reported_naming_the_server()
    {
        var unused = await FakeApiServer.UnusedAddressAsync();
        var log = new TestLog();
        using var kube = ClientFactory.Connection(unused).CreateClient(ClientFactory.FastOptions(log) with { MaxRetries = 2 });

        var read = () => kube.CoreV1.ReadNamespacedPodAsync("p", "default");

        await read.Should().ThrowAsync<KubernetesConnectionException>()
            .WithMessage($"could not reach the Kubernetes API server at {Address(unused)}: connection refused");
        log.Lines.Should().HaveCount(2).And.AllSatisfy(l => l.Should().StartWith($"GET {PodPath}: connection refused; retry"));
    }

    [Fact]
    public async Task A_connection_reset_before_the_answer_is_retried()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.OnSequence("GET", PodPath, Faults.ResetAsync, Pod);
        using var kube = ClientFactory.Create(server);

        (await kube.CoreV1.ReadNamespacedPodAsync("p", "default")).Metadata.ResourceVersion.Should().Be("7");

        server.Requests.Should().HaveCount(2);
    }

    [Fact]
    public async Task A_connection_reset_mid_body_is_retried()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.OnSequence("GET", PodPath, Faults.ResetMidBody(PodJson), Pod);
        using var kube = ClientFactory.Create(server);

        (await kube.CoreV1.ReadNamespacedPodAsync("p", "default")).Metadata.ResourceVersion.Should().Be("7");

        server.Requests.Should().HaveCount(2);
    }

    [Fact]
    public async Task Resets_on_every_attempt_end_in_a_connection_error_naming_the_server_and_the_reason()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.On("GET", PodPath, (ctx, _) => Faults.ResetMidBody(PodJson)(ctx));
        using var kube = ClientFactory.Create(server);

        var read = () => kube.CoreV1.ReadNamespacedPodAsync("p", "default");

        (await read.Should().ThrowAsync<KubernetesConnectionException>()).Which.Message
            .Should().Be($"could not reach the Kubernetes API server at {Address(server.Uri)}: connection reset");
        server.Requests.Should().HaveCount(4);
    }

    [Fact]
    public async Task A_body_cut_short_is_retried_and_named_as_such_when_it_keeps_happening()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.OnSequence("GET", PodPath, Faults.CutMidBody(PodJson), Pod);
        server.On("GET", PodPath + "x", (ctx, _) => Faults.CutMidBody(PodJson)(ctx));
        using var kube = ClientFactory.Create(server);

        (await kube.CoreV1.ReadNamespacedPodAsync("p", "default")).Metadata.ResourceVersion.Should().Be("7");
        var read = () => kube.CoreV1.ReadNamespacedPodAsync("px", "default");

        (await read.Should().ThrowAsync<KubernetesConnectionException>()).Which.Message
            .Should().Be($"could not reach the Kubernetes API server at {Address(server.Uri)}: the server closed the connection mid-response");
        server.RequestsTo(PodPath).Should().HaveCount(2);
        server.RequestsTo(PodPath + "x").Should().HaveCount(4);
    }

    [Fact]
    public async Task A_stalled_attempt_is_cut_at_the_request_timeout_and_retried()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.OnSequence("GET", PodPath, Faults.StallAsync, Pod);
        var log = new TestLog();
        using var kube = ClientFactory.Create(server, ClientFactory.FastOptions(log) with { RequestTimeout = TestTimeouts.ShortRequest });

        (await kube.CoreV1.ReadNamespacedPodAsync("p", "default")).Metadata.ResourceVersion.Should().Be("7");

        server.Requests.Should().HaveCount(2);
        log.Lines.Should().ContainSingle().Which.Should().StartWith($"GET {PodPath}: timed out; retry 1 of 3 in ");
    }

    [Fact]
    public async Task A_body_that_stalls_halfway_counts_against_the_request_timeout()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.OnSequence("GET", PodPath, Faults.StallMidBody(PodJson), Pod);
        using var kube = ClientFactory.Create(server, ClientFactory.FastOptions() with { RequestTimeout = TestTimeouts.ShortRequest });

        (await kube.CoreV1.ReadNamespacedPodAsync("p", "default")).Metadata.ResourceVersion.Should().Be("7");

        server.Requests.Should().HaveCount(2, "the headers arrived in time but the body did not: the attempt is cut and repeated");
    }

    [Fact]
    public async Task A_server_that_always_stalls_ends_in_a_timeout_naming_the_call_and_the_server()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.On("GET", PodPath, (ctx, _) => Faults.StallAsync(ctx));
        using var kube = ClientFactory.Create(server, ClientFactory.FastOptions() with { RequestTimeout = TestTimeouts.ShortRequest, MaxRetries = 1 });

        var read = () => kube.CoreV1.ReadNamespacedPodAsync("p", "default");

        await read.Should().ThrowAsync<TimeoutException>().WithMessage(
            $"GET {PodPath} timed out after 1 s waiting for the Kubernetes API server at {Address(server.Uri)}.");
        server.Requests.Should().HaveCount(2);
    }

    [Fact]
    public async Task A_create_that_stalls_is_reported_not_repeated()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.On("POST", "/api/v1/namespaces/default/pods", (ctx, _) => Faults.StallAsync(ctx));
        using var kube = ClientFactory.Create(server, ClientFactory.FastOptions() with { RequestTimeout = TestTimeouts.ShortRequest });

        var create = () => kube.CoreV1.CreateNamespacedPodAsync(Objects.Pod("a", "1"), "default");

        await create.Should().ThrowAsync<TimeoutException>();
        server.Requests.Should().ContainSingle("a create that may have happened is never sent twice");
    }

    [Fact]
    public async Task A_create_whose_connection_is_reset_is_reported_not_repeated()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.On("POST", "/api/v1/namespaces/default/pods", (ctx, _) => Faults.ResetAsync(ctx));
        using var kube = ClientFactory.Create(server);

        var create = () => kube.CoreV1.CreateNamespacedPodAsync(Objects.Pod("a", "1"), "default");

        await create.Should().ThrowAsync<KubernetesConnectionException>()
            .WithMessage($"could not reach the Kubernetes API server at {Address(server.Uri)}: connection reset");
        server.Requests.Should().ContainSingle("a create that may have happened is never sent twice");
    }

    [Fact]
    public async Task A_bare_socket_error_below_the_retry_handler_is_retried_on_reads_and_reported_on_writes()
    {
        // SocketsHttpHandler can surface a connection reset during connect as a bare SocketException
        // ("Transport endpoint is not connected") instead of wrapping it in an HttpRequestException.
        await using var server = await FakeApiServer.StartAsync();
        server.On("GET", PodPath, (ctx, _) => Pod(ctx));
        var transport = new FaultInjectingHandler();
        using var kube = ClientFactory.Connection(server.Uri, transport: () => transport.Wrap(new SocketsHttpHandler())).CreateClient(ClientFactory.FastOptions());

        transport.FailNext(() => new SocketException((int)SocketError.NotConnected));
        (await kube.CoreV1.ReadNamespacedPodAsync("p", "default")).Metadata.Name.Should().Be("p");
        transport.FailNext(() => new SocketException((int)SocketError.NotConnected));
        var create = () => kube.CoreV1.CreateNamespacedPodAsync(Objects.Pod("c", "1"), "default");

        (await create.Should().ThrowAsync<KubernetesConnectionException>()).Which.Message.Should().StartWith($"could not reach the Kubernetes API server at {Address(server.Uri)}: ");
        transport.Attempts.Should().Equal($"GET {PodPath}", $"GET {PodPath}", "POST /api/v1/namespaces/default/pods");
    }

    [Fact]
    public async Task A_watch_is_not_buffered_and_outlives_the_request_timeout()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.On("GET", "/api/v1/namespaces/default/pods", async (ctx, _) =>
        {
            await ctx.StreamChunksAsync(HttpContextResponses.WatchLine("ADDED", Objects.Pod("a", "2")));
            await Task.Delay(2 * TestTimeouts.ShortRequest); // Longer than the request timeout: the behaviour under test.
            await ctx.HoldOpenAsync(HttpContextResponses.WatchLine("MODIFIED", Objects.Pod("a", "3")));
        });
        using var kube = ClientFactory.Create(server, ClientFactory.FastOptions() with { RequestTimeout = TestTimeouts.ShortRequest });
        await using var watch = WatchReader.Start(ct => kube.WatchAsync(KubeResources.Pods, "default", new WatchOptions { ResourceVersion = "1" }, ct));

        var events = await watch.TakeAsync(2);

        events.Select(WatchReader<V1Pod>.Describe).Should().Equal("Watch:Added:a@2", "Watch:Modified:a@3");
        server.Requests.Should().ContainSingle("the stream was neither cut at the request timeout nor reopened")
            .Which.Query["watch"].Should().Be("true");
    }

    [Fact]
    public async Task A_followed_log_is_not_buffered_and_outlives_the_request_timeout()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.On("GET", "/api/v1/namespaces/load/pods/k6/log", async (ctx, _) =>
        {
            await ctx.StreamChunksAsync("line 1\n");
            await Task.Delay(2 * TestTimeouts.ShortRequest); // Longer than the request timeout: the behaviour under test.
            await ctx.HoldOpenAsync("line 2\n");
        });
        using var kube = ClientFactory.Create(server, ClientFactory.FastOptions() with { RequestTimeout = TestTimeouts.ShortRequest });

        await using var stream = await kube.CoreV1.ReadNamespacedPodLogAsync("k6", "load", follow: true);
        using var reader = new StreamReader(stream);

        (await reader.ReadLineAsync().WaitAsync(TestTimeouts.Event)).Should().Be("line 1");
        (await reader.ReadLineAsync().WaitAsync(TestTimeouts.Event)).Should().Be("line 2");
        server.Requests.Should().ContainSingle().Which.Query["follow"].Should().Be("true");
    }

    [Fact]
    public async Task Extra_handlers_run_outermost_first_and_once_per_call_however_often_it_is_retried()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.OnSequence("GET", PodPath, ctx => ctx.WriteStatusAsync(503, "ServiceUnavailable", "later"), Pod);
        var order = new List<string>();
        var options = ClientFactory.FastOptions() with { Handlers = [() => new OrderRecorder("outer", order), () => new OrderRecorder("inner", order)] };
        using var kube = ClientFactory.Create(server, options);

        await kube.CoreV1.ReadNamespacedPodAsync("p", "default");

        order.Should().Equal("outer", "inner");
        server.Requests.Should().HaveCount(2);
    }

    [Fact]
    public async Task An_exception_from_an_extra_handler_propagates_unchanged_and_is_not_retried()
    {
        await using var server = await FakeApiServer.StartAsync();
        var calls = 0;
        var options = ClientFactory.FastOptions() with
        {
            Handlers = [() => new Throwing(() => { Interlocked.Increment(ref calls); return new InvalidOperationException("guard closed"); })],
        };
        using var kube = ClientFactory.Create(server, options);

        var read = () => kube.CoreV1.ReadNamespacedPodAsync("p", "default");

        await read.Should().ThrowExactlyAsync<InvalidOperationException>().WithMessage("guard closed");
        calls.Should().Be(1);
        server.Requests.Should().BeEmpty();
    }

    [Fact]
    public void Options_that_would_never_send_are_rejected()
    {
        var server = new Uri("http://127.0.0.1:1/");

        FluentActions.Invoking(() => new Http.RetryHandler(server, new KubeClientOptions { RequestTimeout = TimeSpan.Zero }))
            .Should().Throw<ArgumentOutOfRangeException>().WithMessage("RequestTimeout must be positive.*");
        FluentActions.Invoking(() => ClientFactory.Connection(server).CreateClient(new KubeClientOptions { MaxRetries = -1 }))
            .Should().Throw<ArgumentOutOfRangeException>().WithMessage("MaxRetries must not be negative.*");
    }

    private sealed class OrderRecorder(string name, List<string> order) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (order) order.Add(name);
            return base.SendAsync(request, cancellationToken);
        }
    }

    private sealed class Throwing(Func<Exception> exception) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw exception();
    }
}
