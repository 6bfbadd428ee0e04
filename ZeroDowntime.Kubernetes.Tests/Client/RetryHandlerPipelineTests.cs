using FluentAssertions;
using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Http;
using ZeroDowntime.Kubernetes.Tests.Fakes;

namespace ZeroDowntime.Kubernetes.Tests.Client;

/// <summary>RetryHandler in the client's pipeline: streams it must not buffer, the extra handlers around it, its options.</summary>
public class RetryHandlerPipelineTests
{
    private const string PodPath = "/api/v1/namespaces/default/pods/p";

    private static Task Pod(HttpContext ctx) => ctx.WriteJsonAsync(200, Objects.Pod("p", "7"));

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
