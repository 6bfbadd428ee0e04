using FluentAssertions;
using k8s;
using Xunit;
using ZeroDowntime.Fixtures.Cluster;
using ZeroDowntime.Fixtures.Configuration;
using ZeroDowntime.Kubernetes;
using ZeroDowntime.Kubernetes.Config;
using ZeroDowntime.Kubernetes.Safety;

namespace ZeroDowntime.Fixtures.Tests.Cluster;

/// <summary>Settings, kubeconfig and the disruption guard, joined the way the fixtures join them, over real HTTP.</summary>
public sealed class ClusterSessionTests : IAsyncLifetime, IDisposable
{
    private const string Token = "canary-token-7f3a9c";
    private readonly string _directory = Directory.CreateTempSubdirectory("zd-session-").FullName;
    private RecordingApiServer _server = null!;
    private string _kubeconfig = "";

    public async Task InitializeAsync()
    {
        _server = await RecordingApiServer.StartAsync();
        _kubeconfig = Path.Combine(_directory, "config");
        await File.WriteAllTextAsync(_kubeconfig, $$"""
            apiVersion: v1
            kind: Config
            current-context: other
            clusters:
            - name: eks
              cluster:
                server: {{_server.Uri}}
            users:
            - name: sre
              user:
                token: {{Token}}
            contexts:
            - name: prod-eks
              context: { cluster: eks, user: sre, namespace: ray }
            - name: other
              context: { cluster: eks, user: sre }
            """);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task A_closed_gate_sends_no_disruptive_request_and_names_the_setting()
    {
        using var session = Open(("ZD_CONTEXT", "prod-eks"));

        var delete = () => session.Client.CoreV1.DeleteNamespacedPodAsync("ray-worker-abc", session.Namespace);

        (await delete.Should().ThrowAsync<DisruptionNotAllowedException>()).Which.Message.Should().Be(
            "Refusing to DELETE pod ray/ray-worker-abc on context 'prod-eks': disruptive steps run only when ZD_ALLOW_DISRUPTION equals the context name (it is not set).");
        _server.Requests.Should().BeEmpty("a closed gate must refuse before anything is sent");
    }

    [Fact]
    public async Task A_closed_gate_still_lets_reads_through_with_the_context_namespace_and_token()
    {
        using var session = Open(("ZD_CONTEXT", "prod-eks"));

        await session.Client.CoreV1.ListNamespacedPodAsync(session.Namespace);

        session.Namespace.Should().Be("ray");
        _server.Requests.Should().ContainSingle().Which.Should().Be(("GET", "/api/v1/namespaces/ray/pods", $"Bearer {Token}"));
    }

    [Fact]
    public async Task Allowing_disruption_for_the_exact_context_opens_the_gate()
    {
        using var session = Open(("ZD_CONTEXT", "prod-eks"), ("ZD_ALLOW_DISRUPTION", "prod-eks"));

        await session.Client.CoreV1.DeleteNamespacedPodAsync("ray-worker-abc", session.Namespace);

        session.Gate.IsOpen.Should().BeTrue();
        _server.Requests.Should().ContainSingle().Which.Method.Should().Be("DELETE");
    }

    [Fact]
    public async Task Allowing_disruption_for_another_context_keeps_the_gate_closed()
    {
        using var session = Open(("ZD_CONTEXT", "prod-eks"), ("ZD_ALLOW_DISRUPTION", "other"));

        var evict = () => session.Client.EvictPodAsync("ray-worker-abc", session.Namespace);

        (await evict.Should().ThrowAsync<DisruptionNotAllowedException>()).Which.Message.Should().Contain("ZD_ALLOW_DISRUPTION").And.Contain("'prod-eks'");
        _server.Requests.Should().BeEmpty();
    }

    [Fact]
    public void ZD_NAMESPACE_overrides_the_context_namespace()
    {
        using var session = Open(("ZD_CONTEXT", "prod-eks"), ("ZD_NAMESPACE", "serving"));

        session.Namespace.Should().Be("serving");
    }

    [Fact]
    public void A_missing_context_fails_before_any_request_with_one_sentence()
    {
        var open = () => Open(("ZD_CONTEXT", "staging"));

        open.Should().Throw<KubeConfigException>().Which.Message.Should().Contain("'staging'").And.Contain("prod-eks");
        _server.Requests.Should().BeEmpty();
    }

    [Fact]
    public void The_session_description_never_shows_the_token()
    {
        using var session = Open(("ZD_CONTEXT", "prod-eks"));

        session.ToString().Should().Contain("prod-eks").And.NotContain(Token);
    }

    private ClusterSession Open(params (string Name, string Value)[] variables)
    {
        var environment = new Dictionary<string, string?>
        {
            ["ZD_CLUSTER"] = "kubeconfig",
            ["ZD_KUBECONFIG"] = _kubeconfig,
        };
        foreach (var (name, value) in variables)
        {
            environment[name] = value;
        }

        var settings = ZeroDowntimeSettings.Load(environment);
        return ClusterSession.OpenKubeconfig(settings, new KubeConfigEnvironment { Variables = new Dictionary<string, string>() });
    }
}
