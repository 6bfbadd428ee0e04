using System.Net.Sockets;
using FluentAssertions;
using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Http;
using ZeroDowntime.Kubernetes.Tests.Fakes;

namespace ZeroDowntime.Kubernetes.Tests.Client;

/// <summary>RetryHandler and the network, through the library client: refused, reset and cut connections, stalled attempts.</summary>
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
}
