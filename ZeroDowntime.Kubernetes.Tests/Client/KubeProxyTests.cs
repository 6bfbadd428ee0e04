using System.Net;
using System.Reflection;
using k8s;
using FluentAssertions;
using ZeroDowntime.Kubernetes.Tests.Fakes;

namespace ZeroDowntime.Kubernetes.Tests.Client;

/// <summary>KubeProxy against the fake: the pods/proxy and services/proxy paths, bodies, and the application's status as a result.</summary>
public class KubeProxyTests
{
    [Fact]
    public async Task A_pod_proxy_GET_reaches_the_port_and_path_with_its_query_and_a_404_is_a_result()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.On("GET", "/api/v1/namespaces/ray/pods/head-0:8265/proxy/api/health", (ctx, _) => ctx.WriteRawAsync(404, "no such route", "text/plain"));
        var credentials = new TestCredentials("proxy-token-0001");
        using var kube = ClientFactory.Create(server, credentials: credentials);

        var response = await kube.ProxyToPodAsync(HttpMethod.Get, "ray", "head-0", 8265, "/api/health?verbose=1");

        response.Should().Be(new ProxyResponse(HttpStatusCode.NotFound, "no such route"));
        response.IsSuccess.Should().BeFalse();
        var request = server.Requests.Should().ContainSingle().Which;
        request.QueryString.Should().Be("?verbose=1");
        request.Authorization.Should().Be("Bearer proxy-token-0001", "proxy requests carry the connection's credentials like any other call");
    }

    [Fact]
    public async Task A_pod_proxy_PATCH_sends_its_json_body()
    {
        await using var server = await FakeApiServer.StartAsync();
        const string path = "/api/v1/namespaces/load/pods/k6-abc:6565/proxy/v1/status";
        server.On("PATCH", path, (ctx, r) => ctx.WriteRawAsync(200, $$"""{"echo":{{r.Body}}}"""));
        using var kube = ClientFactory.Create(server);

        var response = await kube.ProxyToPodAsync(HttpMethod.Patch, "load", "k6-abc", 6565, "v1/status", """{"data":{"attributes":{"paused":true}}}""");

        response.IsSuccess.Should().BeTrue();
        response.Body.Should().Be("""{"echo":{"data":{"attributes":{"paused":true}}}}""");
        var request = server.Requests.Should().ContainSingle().Which;
        request.Body.Should().Be("""{"data":{"attributes":{"paused":true}}}""");
        request.ContentType.Should().StartWith("application/json");
    }

    [Fact]
    public async Task A_service_proxy_POST_answered_500_is_a_result_and_is_not_repeated()
    {
        await using var server = await FakeApiServer.StartAsync();
        const string path = "/api/v1/namespaces/default/services/vllm:http/proxy/v1/completions";
        server.On("POST", path, (ctx, _) => ctx.WriteRawAsync(500, """{"error":"model not loaded"}"""));
        using var kube = ClientFactory.Create(server);

        var response = await kube.ProxyToServiceAsync(HttpMethod.Post, "default", "vllm", "http", "v1/completions", """{"prompt":"hi"}""");

        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        response.Body.Should().Be("""{"error":"model not loaded"}""");
        server.Requests.Should().ContainSingle().Which.Body.Should().Be("""{"prompt":"hi"}""");
    }

    [Fact]
    public async Task A_proxied_GET_answered_503_is_returned_at_once_not_retried()
    {
        // Behind the proxy a 503 is the application's answer, which the suite measures: repeating it would hide an outage.
        await using var server = await FakeApiServer.StartAsync();
        server.On("GET", "/api/v1/namespaces/ray/pods/head-0:8265/proxy/api/health", (ctx, _) => ctx.WriteRawAsync(503, "not ready", "text/plain"));
        using var kube = ClientFactory.Create(server);

        var response = await kube.ProxyToPodAsync(HttpMethod.Get, "ray", "head-0", 8265, "api/health");

        response.Should().Be(new ProxyResponse(HttpStatusCode.ServiceUnavailable, "not ready"));
        server.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task A_client_that_is_not_the_librarys_is_refused_with_a_reason()
    {
        var standIn = DispatchProxy.Create<IKubernetes, NotTheLibrary>();

        var call = () => standIn.ProxyToPodAsync(HttpMethod.Get, "ray", "p", 80, "x");

        await call.Should().ThrowAsync<NotSupportedException>().WithMessage("Proxy requests need the library's k8s.Kubernetes client; got *.");
    }

    /// <summary>An IKubernetes that is not k8s.Kubernetes, as a mocking library would generate.</summary>
    public class NotTheLibrary : DispatchProxy
    {
        /// <inheritdoc />
        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => throw new NotSupportedException(targetMethod?.Name);
    }
}
