using System.Diagnostics;
using FluentAssertions;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.AspNetCore.Http;
using ZeroDowntime.Kubernetes.Tests.Fakes;

namespace ZeroDowntime.Kubernetes.Tests.Client;

/// <summary>RetryHandler and HTTP statuses, through the library's own calls: which answers are retried, how long it waits, when it gives up.</summary>
public class RetryHandlerStatusTests
{
    private const string PodPath = "/api/v1/namespaces/default/pods/p";

    private static Task Pod(HttpContext ctx) => ctx.WriteJsonAsync(200, Objects.Pod("p", "7"));

    private static Func<HttpContext, Task> Status(int code, string reason, string message, string? retryAfter = null) => ctx =>
    {
        if (retryAfter is not null) ctx.Response.Headers.RetryAfter = retryAfter;
        return ctx.WriteStatusAsync(code, reason, message);
    };

    [Fact]
    public async Task A_429_is_retried_after_the_servers_Retry_After()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.OnSequence("GET", PodPath, Status(429, "TooManyRequests", "slow down", retryAfter: "1"), Pod);
        var log = new TestLog();
        using var kube = ClientFactory.Create(server, ClientFactory.FastOptions(log));

        var clock = Stopwatch.StartNew();
        var pod = await kube.CoreV1.ReadNamespacedPodAsync("p", "default");

        pod.Metadata.ResourceVersion.Should().Be("7");
        server.Requests.Should().HaveCount(2);
        clock.Elapsed.Should().BeGreaterThan(TimeSpan.FromMilliseconds(900), "Retry-After: 1 asks for a one second pause, far above the 10 ms backoff");
        log.Lines.Should().Equal($"GET {PodPath}: 429 TooManyRequests; retry 1 of 3 in 1 s");
    }

    [Fact]
    public async Task A_Retry_After_beyond_MaxRetryAfter_is_capped()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.OnSequence("GET", PodPath, Status(429, "TooManyRequests", "slow down", retryAfter: "3600"), Pod);
        var log = new TestLog();
        using var kube = ClientFactory.Create(server, ClientFactory.FastOptions(log) with { MaxRetryAfter = TimeSpan.FromMilliseconds(100) });

        var pod = await kube.CoreV1.ReadNamespacedPodAsync("p", "default");

        pod.Metadata.Name.Should().Be("p");
        log.Lines.Should().Equal($"GET {PodPath}: 429 TooManyRequests; retry 1 of 3 in 0.1 s");
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task A_transient_server_error_is_retried_and_the_next_answer_returned(int code)
    {
        await using var server = await FakeApiServer.StartAsync();
        server.OnSequence("GET", PodPath, Status(code, "Whatever", "later"), Pod);
        using var kube = ClientFactory.Create(server);

        (await kube.CoreV1.ReadNamespacedPodAsync("p", "default")).Metadata.Name.Should().Be("p");

        server.Requests.Should().HaveCount(2);
    }

    [Theory]
    [InlineData(501, "NotImplemented")]
    [InlineData(505, "HttpVersionNotSupported")]
    [InlineData(404, "NotFound")]
    [InlineData(409, "Conflict")]
    public async Task An_answer_that_will_not_change_is_not_retried(int code, string reason)
    {
        await using var server = await FakeApiServer.StartAsync();
        server.On("GET", PodPath, (ctx, _) => ctx.WriteStatusAsync(code, reason, "no"));
        using var kube = ClientFactory.Create(server);

        var read = () => kube.CoreV1.ReadNamespacedPodAsync("p", "default");

        (await read.Should().ThrowAsync<HttpOperationException>()).Which.Describe().Should().Be($"GET {PodPath} failed: {code} {reason}: no");
        server.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task Retries_stop_at_MaxRetries_and_the_last_status_is_reported()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.OnSequence("GET", PodPath,
            Status(503, "ServiceUnavailable", "etcd is unhappy"),
            Status(502, "BadGateway", "proxy"),
            Status(500, "InternalError", "boom"),
            Status(504, "Timeout", "etcd timed out"),
            Pod);
        var log = new TestLog();
        using var kube = ClientFactory.Create(server, ClientFactory.FastOptions(log));

        var read = () => kube.CoreV1.ReadNamespacedPodAsync("p", "default");

        var error = (await read.Should().ThrowAsync<HttpOperationException>()).Which;
        error.Describe().Should().Be($"GET {PodPath} failed: 504 Timeout: etcd timed out");
        server.Requests.Should().HaveCount(4, "one attempt plus MaxRetries = 3; the fifth answer would have succeeded");
        log.Lines.Select(l => l[..l.IndexOf(" in ", StringComparison.Ordinal)]).Should().Equal(
            $"GET {PodPath}: 503 ServiceUnavailable; retry 1 of 3",
            $"GET {PodPath}: 502 BadGateway; retry 2 of 3",
            $"GET {PodPath}: 500 InternalServerError; retry 3 of 3");
    }

    [Fact]
    public async Task A_put_is_retried_with_the_same_body()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.OnSequence("PUT", PodPath, Status(503, "ServiceUnavailable", "later"), ctx => ctx.WriteJsonAsync(200, Objects.Pod("p", "34")));
        using var kube = ClientFactory.Create(server);

        var replaced = await kube.CoreV1.ReplaceNamespacedPodAsync(Objects.Pod("p", "33"), "p", "default");

        replaced.Metadata.ResourceVersion.Should().Be("34");
        server.Requests.Should().HaveCount(2);
        server.Requests[1].Body.Should().Be(server.Requests[0].Body).And.Contain("\"resourceVersion\":\"33\"");
        server.Requests[1].ContentType.Should().Be(server.Requests[0].ContentType);
    }

    [Fact]
    public async Task A_delete_is_retried_with_the_same_options()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.OnSequence("DELETE", PodPath, Status(500, "InternalError", "later"), Pod);
        using var kube = ClientFactory.Create(server);

        await kube.CoreV1.DeleteNamespacedPodAsync("p", "default", new V1DeleteOptions { GracePeriodSeconds = 5 });

        server.Requests.Should().HaveCount(2);
        server.Requests.Should().AllSatisfy(r => r.Body.Should().Contain("\"gracePeriodSeconds\":5"));
    }

    [Fact]
    public async Task A_head_is_retried()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.OnSequence("HEAD", PodPath, Status(503, "ServiceUnavailable", "later"), ctx => ctx.WriteRawAsync(200, ""));
        using var kube = ClientFactory.Create(server);

        using var response = await ((k8s.Kubernetes)kube).HttpClient.SendAsync(new HttpRequestMessage(HttpMethod.Head, new Uri(server.Uri, PodPath)));

        ((int)response.StatusCode).Should().Be(200);
        server.Requests.Should().HaveCount(2);
    }

    [Fact]
    public async Task A_create_is_never_retried()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.On("POST", "/api/v1/namespaces/default/pods", (ctx, _) => ctx.WriteStatusAsync(503, "ServiceUnavailable", "later"));
        server.On("POST", "/api/v1/namespaces/default/services", (ctx, _) => ctx.WriteStatusAsync(429, "TooManyRequests", "later"));
        using var kube = ClientFactory.Create(server);

        await FluentActions.Awaiting(() => kube.CoreV1.CreateNamespacedPodAsync(Objects.Pod("p", "1"), "default")).Should().ThrowAsync<HttpOperationException>();
        await FluentActions.Awaiting(() => kube.CoreV1.CreateNamespacedServiceAsync(new V1Service { Metadata = new V1ObjectMeta { Name = "s" } }, "default"))
            .Should().ThrowAsync<HttpOperationException>();

        server.Requests.Should().HaveCount(2, "each POST was sent exactly once");
    }

    [Fact]
    public async Task A_patch_is_never_retried()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.On("PATCH", "/api/v1/nodes/n", (ctx, _) => ctx.WriteStatusAsync(503, "ServiceUnavailable", "later"));
        using var kube = ClientFactory.Create(server);

        var cordon = () => kube.CoreV1.PatchNodeAsync(new V1Patch("""{"spec":{"unschedulable":true}}""", V1Patch.PatchType.StrategicMergePatch), "n");

        await cordon.Should().ThrowAsync<HttpOperationException>();
        server.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task An_eviction_that_got_503_is_not_repeated()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.On("POST", PodPath + "/eviction", (ctx, _) => ctx.WriteStatusAsync(503, "ServiceUnavailable", "the server is shutting down"));
        var log = new TestLog();
        using var kube = ClientFactory.Create(server, ClientFactory.FastOptions(log));

        var evict = () => kube.EvictPodAsync("p", "default");

        await evict.Should().ThrowAsync<InvalidOperationException>().WithMessage("Evicting pod default/p failed: 503 ServiceUnavailable: the server is shutting down");
        server.Requests.Should().ContainSingle("the eviction may have happened: sending it again could evict a second pod");
        log.Lines.Should().BeEmpty();
    }
}
