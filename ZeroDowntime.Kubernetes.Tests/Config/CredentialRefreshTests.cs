using System.Globalization;
using FluentAssertions;
using k8s;
using k8s.Autorest;
using ZeroDowntime.Kubernetes.Tests.Fakes;

namespace ZeroDowntime.Kubernetes.Tests.Config;

/// <summary>
/// Credentials from a kubeconfig, through the library client against the fake: an exec plugin's token cached
/// until expiry and re-run after a 401, a token file re-read after a 401, a fixed token never retried.
/// </summary>
public sealed class CredentialRefreshTests : IAsyncLifetime, IDisposable
{
    private const string PodPath = "/api/v1/namespaces/default/pods/p";
    private readonly TestEnvironment _env = new();
    private FakeApiServer _server = null!;

    private int PluginRuns => File.Exists(Path.Combine(_env.Directory, "plugin", "calls"))
        ? int.Parse(File.ReadAllText(Path.Combine(_env.Directory, "plugin", "calls")).Trim(), CultureInfo.InvariantCulture)
        : 0;

    public async Task InitializeAsync() => _server = await FakeApiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _env.Dispose();

    [Fact]
    public async Task An_exec_token_is_cached_until_its_expiry()
    {
        AnswerPodOnlyTo(null);
        using var kube = Client(ExecUser(expiresInSeconds: 600));

        await kube.CoreV1.ReadNamespacedPodAsync("p", "default");
        _env.Time.Advance(TimeSpan.FromSeconds(500));
        await kube.CoreV1.ReadNamespacedPodAsync("p", "default");
        PluginRuns.Should().Be(1, "the token is valid for 600 s");
        _env.Time.Advance(TimeSpan.FromSeconds(101));
        await kube.CoreV1.ReadNamespacedPodAsync("p", "default");

        PluginRuns.Should().Be(2);
        _server.Requests.Select(r => r.Authorization).Should().Equal("Bearer exec-token-1", "Bearer exec-token-1", "Bearer exec-token-2");
    }

    [Fact]
    public async Task A_401_runs_the_exec_plugin_again_and_the_call_is_retried_once()
    {
        AnswerPodOnlyTo("Bearer exec-token-2");
        var log = new TestLog();
        using var kube = Client(ExecUser(expiresInSeconds: 3600), log);

        var pod = await kube.CoreV1.ReadNamespacedPodAsync("p", "default");

        pod.Metadata.Name.Should().Be("p");
        PluginRuns.Should().Be(2, "a token revoked before its expiry is fetched again at once");
        _server.Requests.Select(r => r.Authorization).Should().Equal("Bearer exec-token-1", "Bearer exec-token-2");
        log.Lines.Should().Equal($"GET {PodPath}: 401 Unauthorized; credentials refreshed, retrying once");
    }

    [Fact]
    public async Task A_second_401_is_returned_even_for_a_create_that_the_server_rejected_unprocessed()
    {
        _server.On("POST", "/api/v1/namespaces/default/pods", (ctx, _) => ctx.WriteStatusAsync(401, "Unauthorized", "Unauthorized"));
        using var kube = Client(ExecUser(expiresInSeconds: 3600));

        var create = () => kube.CoreV1.CreateNamespacedPodAsync(Objects.Pod("a", "1"), "default");

        (await create.Should().ThrowAsync<HttpOperationException>()).Which.Describe()
            .Should().Be("POST /api/v1/namespaces/default/pods failed: 401 Unauthorized: Unauthorized");
        PluginRuns.Should().Be(2);
        _server.Requests.Should().HaveCount(2, "a 401 means the server did nothing, so even a POST is sent once more, and only once");
        _server.Requests[1].Body.Should().Be(_server.Requests[0].Body);
    }

    [Fact]
    public async Task A_rotated_token_file_is_read_again_after_a_401_and_the_call_retried()
    {
        var tokenPath = _env.Write("tokens/current", "first-token-0001\n");
        AnswerPodOnlyTo("Bearer second-token-0002");
        using var kube = Client("tokenFile: tokens/current");
        File.WriteAllText(tokenPath, "second-token-0002"); // Rotated within the minute the file is cached for.

        var pod = await kube.CoreV1.ReadNamespacedPodAsync("p", "default");

        pod.Metadata.Name.Should().Be("p");
        _server.Requests.Select(r => r.Authorization).Should().Equal("Bearer first-token-0001", "Bearer second-token-0002");
    }

    [Theory]
    [InlineData("tokenFile: tokens/current", "the file still holds the same token")]
    [InlineData("token: static-token-0001", "a fixed token cannot get better")]
    public async Task A_401_is_not_retried_when_the_credentials_cannot_change(string user, string because)
    {
        _env.Write("tokens/current", "static-token-0001");
        AnswerPodOnlyTo("Bearer something-else");
        var log = new TestLog();
        using var kube = Client(user, log);

        var read = () => kube.CoreV1.ReadNamespacedPodAsync("p", "default");

        (await read.Should().ThrowAsync<HttpOperationException>()).Which.IsForbidden().Should().BeFalse();
        _server.Requests.Should().ContainSingle(because).Which.Authorization.Should().Be("Bearer static-token-0001");
        log.Lines.Should().BeEmpty();
    }

    /// <summary>GET pod p: 200 for <paramref name="authorization"/> (any when null), else 401.</summary>
    private void AnswerPodOnlyTo(string? authorization) =>
        _server.On("GET", PodPath, (ctx, r) => authorization is null || r.Authorization == authorization
            ? ctx.WriteJsonAsync(200, Objects.Pod("p", "1"))
            : ctx.WriteStatusAsync(401, "Unauthorized", "Unauthorized"));

    private IKubernetes Client(string user, TestLog? log = null)
    {
        var path = _env.Write("config", KubeConfigYaml.Single(_server.Uri.ToString(), user: user));
        return _env.Loader.Load(path).CreateClient(ClientFactory.FastOptions(log));
    }

    /// <summary>plugin/token-plugin counts its runs and prints exec-token-N, valid for <paramref name="expiresInSeconds"/>.</summary>
    private string ExecUser(int expiresInSeconds)
    {
        // The expiry is written from the real clock; the loader judges it by the test's clock, which starts at real now.
        _env.WriteScript("plugin/token-plugin", $$$"""
            dir="$(dirname "$0")"
            n=$(( $(cat "$dir/calls" 2>/dev/null || echo 0) + 1 ))
            echo "$n" > "$dir/calls"
            expiry=$(date -u -d "+{{{expiresInSeconds}}} seconds" +%Y-%m-%dT%H:%M:%SZ)
            printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"exec-token-%s","expirationTimestamp":"%s"}}' "$n" "$expiry"
            """);
        return "exec:\n  apiVersion: client.authentication.k8s.io/v1\n  command: ./plugin/token-plugin\n  interactiveMode: Never";
    }
}
