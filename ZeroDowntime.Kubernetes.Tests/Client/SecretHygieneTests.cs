using ZeroDowntime.Kubernetes.Legacy;
using FluentAssertions;
using ZeroDowntime.Kubernetes.Legacy.Models;
using ZeroDowntime.Kubernetes.Tests.Fakes;

namespace ZeroDowntime.Kubernetes.Tests.Client;

public class SecretHygieneTests
{
    [Fact]
    public async Task The_token_never_appears_in_any_exception_message_log_line_or_ToString()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.On("GET", "/api/v1/namespaces/default/pods/missing", (ctx, _) => ctx.WriteStatusAsync(404, "NotFound", "pods \"missing\" not found"));
        server.On("GET", "/api/v1/namespaces/default/pods/unauthorized", (ctx, _) => ctx.WriteStatusAsync(401, "Unauthorized", "Unauthorized"));
        server.On("GET", "/api/v1/namespaces/default/pods/busy", (ctx, _) => ctx.WriteStatusAsync(503, "ServiceUnavailable", "busy"));
        server.On("GET", "/api/v1/namespaces/default/pods/slow", (ctx, _) => Task.Delay(TimeSpan.FromSeconds(20), ctx.RequestAborted));
        server.On("POST", "/api/v1/namespaces/default/pods/p/eviction", (ctx, _) => ctx.WriteStatusAsync(429, "TooManyRequests", "budget"));
        var log = new List<string>();
        var credentials = new TestCredentials(TestCredentials.SecretToken);
        var options = ClientFactory.FastOptions(log) with { RequestTimeout = TimeSpan.FromMilliseconds(500) };
        using var client = ClientFactory.Create(server, options, credentials);
        using var unreachable = new KubernetesClient(ClientFactory.Connection(new Uri("http://127.0.0.1:1"), credentials), options with { MaxRetries = 1 });

        var texts = new List<string> { client.ToString(), client.Connection.ToString(), unreachable.ToString() };
        foreach (var call in new Func<Task>[]
                 {
                     () => client.GetAsync<Pod>("missing"),
                     () => client.GetAsync<Pod>("unauthorized"),
                     () => client.GetAsync<Pod>("busy"),
                     () => client.GetAsync<Pod>("slow"),
                     () => unreachable.GetAsync<Pod>("any"),
                 })
        {
            var error = await FluentActions.Awaiting(call).Should().ThrowAsync<Exception>();
            texts.Add(error.Which.ToString());
        }
        texts.Add((await client.EvictAsync("p")).ToString());
        texts.AddRange(log);

        server.Requests.Should().Contain(r => r.Authorization!.Contains(TestCredentials.SecretToken), "the token was really sent");
        texts.Should().HaveCountGreaterThan(10).And.NotContain(t => t.Contains("5ecr3t", StringComparison.Ordinal));
    }
}
