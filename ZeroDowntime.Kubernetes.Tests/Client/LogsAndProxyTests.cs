using ZeroDowntime.Kubernetes.Legacy;
using System.Net;
using System.Text;
using FluentAssertions;
using ZeroDowntime.Kubernetes.Tests.Fakes;

namespace ZeroDowntime.Kubernetes.Tests.Client;

public class LogsAndProxyTests
{
    private const string LogPath = "/api/v1/namespaces/load/pods/k6-abc/log";

    [Fact]
    public async Task Pod_logs_are_read_with_the_container_and_tail_options()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.On("GET", LogPath, (ctx, _) => ctx.WriteRawAsync(200, "line 1\nline 2\n", "text/plain"));
        using var client = ClientFactory.Create(server);

        var text = await client.GetPodLogsAsync("k6-abc", "load", new PodLogOptions
        {
            Container = "k6",
            TailLines = 100,
            SinceTime = new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero),
        });

        text.Should().Be("line 1\nline 2\n");
        var query = server.Requests.Single().Query;
        query["container"].Should().Be("k6");
        query["tailLines"].Should().Be("100");
        query["sinceTime"].Should().Be("2024-05-01T10:00:00Z");
        query.Should().NotContainKey("follow");
    }

    [Fact]
    public async Task Following_logs_yields_whole_lines_across_chunks()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.On("GET", LogPath, (ctx, _) => ctx.StreamChunksAsync("first li", "ne\nsecond", " line\nthird\n"));
        using var client = ClientFactory.Create(server);

        var lines = new List<string>();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await foreach (var line in client.FollowPodLogsAsync("k6-abc", "load", cancellationToken: deadline.Token))
            lines.Add(line);

        lines.Should().Equal("first line", "second line", "third");
        server.Requests.Single().Query["follow"].Should().Be("true");
    }

    [Fact]
    public async Task Logs_of_a_missing_pod_throw_with_the_servers_message()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.On("GET", LogPath, (ctx, _) => ctx.WriteStatusAsync(404, "NotFound", "pods \"k6-abc\" not found"));
        using var client = ClientFactory.Create(server);

        var act = () => client.GetPodLogsAsync("k6-abc", "load");

        await act.Should().ThrowAsync<KubernetesApiException>().WithMessage($"GET {LogPath} failed: 404 NotFound: pods \"k6-abc\" not found");
    }

    [Fact]
    public async Task A_pod_proxy_request_reaches_the_port_and_path_and_returns_any_status_unretried()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.On("GET", "/api/v1/namespaces/ray/pods/head-0:8265/proxy/api/health", (ctx, _) => ctx.WriteRawAsync(503, "not ready", "text/plain"));
        using var client = ClientFactory.Create(server);

        var response = await client.ProxyToPodAsync("head-0", "8265", HttpMethod.Get, "/api/health?verbose=1", @namespace: "ray");

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        response.Text.Should().Be("not ready");
        server.Requests.Should().ContainSingle().Which.QueryString.Should().Be("?verbose=1");
    }

    [Fact]
    public async Task A_service_proxy_request_sends_the_method_and_body()
    {
        await using var server = await FakeApiServer.StartAsync();
        const string path = "/api/v1/namespaces/default/services/vllm:http/proxy/v1/completions";
        server.On("POST", path, (ctx, r) => ctx.WriteRawAsync(200, $"{{\"echo\":{r.Body}}}"));
        using var client = ClientFactory.Create(server);

        var response = await client.ProxyToServiceAsync("vllm", "http", HttpMethod.Post, "v1/completions", Encoding.UTF8.GetBytes("""{"prompt":"hi"}"""));

        response.IsSuccess.Should().BeTrue();
        response.Text.Should().Be("""{"echo":{"prompt":"hi"}}""");
        server.Requests.Single().ContentType.Should().Be("application/json");
    }
}
