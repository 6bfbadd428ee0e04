using FluentAssertions;
using k8s;
using k8s.Autorest;
using ZeroDowntime.Kubernetes.Tests.Fakes;
using static ZeroDowntime.Kubernetes.Tests.Fakes.HttpContextResponses;

namespace ZeroDowntime.Kubernetes.Tests.Client;

/// <summary>
/// The bearer token is added innermost (CredentialHandler) and must never come back out: not in a log line,
/// an exception (message, ToString, the library's request copy), an outcome or a ToString().
/// </summary>
public class SecretHygieneTests
{
    private const string Secret = "5ecr3t";

    [Fact]
    public async Task The_token_never_appears_in_any_exception_log_line_outcome_or_ToString()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.On("GET", "/api/v1/namespaces/default/pods/missing", (ctx, _) => ctx.WriteStatusAsync(404, "NotFound", "pods \"missing\" not found"));
        server.On("GET", "/api/v1/namespaces/default/pods/unauthorized", (ctx, _) => ctx.WriteStatusAsync(401, "Unauthorized", "Unauthorized"));
        server.On("GET", "/api/v1/namespaces/default/pods/busy", (ctx, _) => ctx.WriteStatusAsync(503, "ServiceUnavailable", "busy"));
        server.On("GET", "/api/v1/namespaces/default/pods/slow", (ctx, _) => Faults.StallAsync(ctx));
        server.On("GET", "/api/v1/namespaces/default/pods/reset", (ctx, _) => Faults.ResetAsync(ctx));
        server.On("POST", "/api/v1/namespaces/default/pods/p/eviction", (ctx, _) => ctx.WriteStatusAsync(429, "TooManyRequests", "budget"));
        server.On("POST", "/api/v1/namespaces/default/pods/q/eviction", (ctx, _) => ctx.WriteStatusAsync(500, "InternalError", "more than one PodDisruptionBudget"));
        server.On("GET", "/api/v1/namespaces/default/pods", (ctx, r) => r.Query.GetValueOrDefault("watch") == "true"
            ? ctx.StreamChunksAsync(ErrorLine(500, "InternalError", "watch broke"))
            : ctx.WriteJsonAsync(200, Objects.PodList("1", null)));
        var log = new TestLog();
        var credentials = new TestCredentials(TestCredentials.SecretToken);
        var options = ClientFactory.FastOptions(log) with { RequestTimeout = TestTimeouts.ShortRequest, MaxRetries = 1 };
        var connection = ClientFactory.Connection(server.Uri, credentials);
        using var kube = connection.CreateClient(options);
        var unreachable = ClientFactory.Connection(await FakeApiServer.UnusedAddressAsync(), credentials);
        using var unreachableKube = unreachable.CreateClient(options);

        var watchOptions = new WatchOptions { LabelSelector = "app=web", Log = log.Add };
        var texts = new List<string> { connection.ToString(), unreachable.ToString(), options.ToString(), watchOptions.ToString(), credentials.ToString()! };
        var errors = new List<Exception>();
        foreach (var call in new Func<Task>[]
                 {
                     () => kube.CoreV1.ReadNamespacedPodAsync("missing", "default"),
                     () => kube.CoreV1.ReadNamespacedPodAsync("unauthorized", "default"),
                     () => kube.CoreV1.ReadNamespacedPodAsync("busy", "default"),
                     () => kube.CoreV1.ReadNamespacedPodAsync("slow", "default"),
                     () => kube.CoreV1.ReadNamespacedPodAsync("reset", "default"),
                     () => kube.EvictPodAsync("q", "default"),
                     () => unreachableKube.CoreV1.ReadNamespacedPodAsync("any", "default"),
                     () => FirstEventAsync(kube, watchOptions),
                 })
        {
            errors.Add((await FluentActions.Awaiting(call).Should().ThrowAsync<Exception>()).Which);
        }

        texts.AddRange(errors.Select(e => e.ToString()));
        texts.AddRange(errors.OfType<HttpOperationException>().Select(e => e.Describe()));
        texts.AddRange(errors.SelectMany(Chain).OfType<HttpOperationException>().SelectMany(e => e.Request.Headers.SelectMany(h => h.Value.Prepend(h.Key))));
        texts.Add((await kube.EvictPodAsync("p", "default")).ToString());
        texts.AddRange(log.Lines);

        errors.Select(e => e.GetType().Name).Should().Equal(
            "HttpOperationException", "HttpOperationException", "HttpOperationException", "TimeoutException", "KubernetesConnectionException",
            "MultiplePodDisruptionBudgetsException", "KubernetesConnectionException", "InvalidOperationException");
        log.Lines.Should().Contain(l => l.Contains("401 Unauthorized; credentials refreshed", StringComparison.Ordinal), "the refresh path was really taken");
        server.Requests.Should().Contain(r => r.Authorization!.Contains(Secret, StringComparison.Ordinal), "the token was really sent");
        texts.Should().HaveCountGreaterThan(20).And.NotContain(t => t.Contains(Secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_librarys_copy_of_a_failed_request_carries_no_authorization_header()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.On("GET", "/api/v1/namespaces/default/pods/missing", (ctx, _) => ctx.WriteStatusAsync(404, "NotFound", "pods \"missing\" not found"));
        server.On("POST", "/api/v1/namespaces/default/pods", (ctx, _) => ctx.WriteStatusAsync(409, "AlreadyExists", "pods \"a\" already exists"));
        using var kube = ClientFactory.Create(server, credentials: new TestCredentials(TestCredentials.SecretToken));

        var read = (await FluentActions.Awaiting(() => kube.CoreV1.ReadNamespacedPodAsync("missing", "default")).Should().ThrowAsync<HttpOperationException>()).Which;
        var create = (await FluentActions.Awaiting(() => kube.CoreV1.CreateNamespacedPodAsync(Objects.Pod("a", "1"), "default")).Should().ThrowAsync<HttpOperationException>()).Which;

        server.Requests.Should().OnlyContain(r => r.Authorization == $"Bearer {TestCredentials.SecretToken}");
        read.Request.Headers.Keys.Should().NotContain("Authorization");
        create.Request.Headers.Keys.Should().NotContain("Authorization");
        read.Response.Content.Should().NotContain(Secret);
    }

    private static async Task FirstEventAsync(IKubernetes kube, WatchOptions options)
    {
        await foreach (var _ in kube.WatchAsync(KubeResources.Pods, "default", options))
        {
            return;
        }
    }

    private static IEnumerable<Exception> Chain(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }
}
