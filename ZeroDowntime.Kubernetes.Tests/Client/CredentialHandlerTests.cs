using System.Net.Http.Headers;
using FluentAssertions;
using k8s;
using k8s.Autorest;
using Microsoft.AspNetCore.Http;
using ZeroDowntime.Kubernetes.Tests.Fakes;

namespace ZeroDowntime.Kubernetes.Tests.Client;

/// <summary>Credentials are applied per attempt on copies: the caller's message, which the library keeps in its exceptions, never holds the token.</summary>
public sealed class CredentialHandlerTests
{
    private const string Forbidden = """{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"Forbidden","code":403,"message":"pods \"p\" is forbidden"}""";

    [Fact]
    public async Task A_failed_call_keeps_no_token_in_the_exception_the_library_throws()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.On("GET", "/api/v1/namespaces/default/pods/p", (ctx, _) => Answer(ctx, 403, Forbidden));
        using var kube = Connection(server, new TestCredentials(TestCredentials.SecretToken)).CreateClient();

        var failure = (await FluentActions.Awaiting(() => kube.CoreV1.ReadNamespacedPodAsync("p", "default")).Should().ThrowAsync<HttpOperationException>()).Which;

        server.Requests.Should().ContainSingle().Which.Authorization.Should().Be($"Bearer {TestCredentials.SecretToken}", "the token was really sent");
        failure.Request.Headers.Should().NotContainKey("Authorization");
        failure.ToString().Should().NotContain(TestCredentials.SecretToken);
    }

    [Fact]
    public async Task After_a_401_the_request_is_sent_once_more_with_refreshed_credentials()
    {
        await using var server = await FakeApiServer.StartAsync();
        var calls = 0;
        server.On("GET", "/api/v1/namespaces/default/pods/p", (ctx, _) => Interlocked.Increment(ref calls) == 1
            ? Answer(ctx, 401, """{"kind":"Status","status":"Failure","reason":"Unauthorized","code":401}""")
            : Answer(ctx, 200, """{"kind":"Pod","apiVersion":"v1","metadata":{"name":"p"}}"""));
        var credentials = new TestCredentials("first");
        using var kube = Connection(server, credentials).CreateClient();

        var pod = await kube.CoreV1.ReadNamespacedPodAsync("p", "default");

        pod.Metadata.Name.Should().Be("p");
        server.Requests.Select(r => r.Authorization).Should().Equal("Bearer first", "Bearer first-refreshed");
        credentials.Invalidations.Should().Be(1);
    }

    private static ClusterConnection Connection(FakeApiServer server, ICredentialProvider credentials) => new()
    {
        Server = server.Uri,
        ContextName = "fake",
        CreatePrimaryHandler = () => new SocketsHttpHandler { UseProxy = false },
        Credentials = credentials,
    };

    private static Task Answer(HttpContext context, int code, string json)
    {
        context.Response.StatusCode = code;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(json);
    }
}
