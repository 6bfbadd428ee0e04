using FluentAssertions;
using k8s;
using Microsoft.AspNetCore.Http;
using ZeroDowntime.Kubernetes.Tests.Fakes;

namespace ZeroDowntime.Kubernetes.Tests.Client;

/// <summary>ApiRetryCounts: each retry is counted once, by cause; what is not retried is not counted.</summary>
public class RetryCountTests
{
    private const string PodPath = "/api/v1/namespaces/default/pods/p";

    private static Task Pod(HttpContext ctx) => ctx.WriteJsonAsync(200, Objects.Pod("p", "7"));

    private static Task Unavailable(HttpContext ctx) => ctx.WriteStatusAsync(503, "ServiceUnavailable", "busy");

    [Fact]
    public async Task Retries_after_answers_are_counted_by_cause_and_a_first_success_counts_nothing()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.OnSequence("GET", PodPath, Unavailable, Unavailable, Pod, Pod);
        var counts = new ApiRetryCounts();
        using var kube = ClientFactory.Create(server, ClientFactory.FastOptions(new TestLog()) with { Retries = counts });

        await kube.CoreV1.ReadNamespacedPodAsync("p", "default");
        await kube.CoreV1.ReadNamespacedPodAsync("p", "default");

        counts.AfterAnswers.Should().Be(2);
        counts.AfterConnectionFailures.Should().Be(0);
        counts.ToString().Should().Be("2 (2 after 429/5xx answers, 0 after connection failures or timeouts)");
    }

    [Fact]
    public async Task Retries_after_refused_connections_are_counted_apart()
    {
        var unused = await FakeApiServer.UnusedAddressAsync();
        var counts = new ApiRetryCounts();
        using var kube = ClientFactory.Connection(unused).CreateClient(ClientFactory.FastOptions(new TestLog()) with { MaxRetries = 2, Retries = counts });

        var read = () => kube.CoreV1.ReadNamespacedPodAsync("p", "default");

        await read.Should().ThrowAsync<KubernetesConnectionException>();
        counts.AfterConnectionFailures.Should().Be(2, "two retries, then the failure is reported");
        counts.Total.Should().Be(2);
    }
}
