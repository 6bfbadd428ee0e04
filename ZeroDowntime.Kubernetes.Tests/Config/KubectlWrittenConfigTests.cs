using FluentAssertions;
using Xunit;
using ZeroDowntime.Kubernetes.Config;

namespace ZeroDowntime.Kubernetes.Tests.Config;

/// <summary>Kubeconfigs written by the real <c>kubectl config set-*</c> load and connect.</summary>
public sealed class KubectlWrittenConfigTests : IAsyncLifetime, IDisposable
{
    private readonly TestEnvironment _env = new();
    private readonly TestPki _pki = new();
    private TestApiServer _server = null!;
    private string _kubeconfig = null!;

    public async Task InitializeAsync()
    {
        _server = await TestApiServer.StartAsync(_pki.Server(), clientCa: _pki);
        _kubeconfig = Path.Combine(_env.Directory, "kubectl-config");
        _env.Write("ca.crt", _pki.CaPem);
        var (cert, key) = _pki.Client("kubectl-user");
        _env.Write("client.crt", cert);
        _env.Write("client.key", key);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [KubectlFact]
    public async Task Embedded_ca_and_embedded_client_certificate_written_by_kubectl_connect()
    {
        await SetClusterAsync("--certificate-authority=ca.crt", "--embed-certs=true");
        await KubectlAsync("set-credentials", "u", "--client-certificate=client.crt", "--client-key=client.key", "--embed-certs=true");
        await UseContextAsync();

        var connection = _env.Loader.Load(_kubeconfig);
        var whoami = await connection.WhoAmIAsync();

        connection.ContextName.Should().Be("ctx");
        connection.Namespace.Should().Be("ns");
        whoami.Subject.Should().Be("CN=kubectl-user, O=system:masters");
    }

    [KubectlFact]
    public async Task Relative_ca_and_certificate_paths_written_by_kubectl_resolve_against_the_kubeconfig_directory()
    {
        await SetClusterAsync("--certificate-authority=ca.crt");
        await KubectlAsync("set-credentials", "u", "--client-certificate=client.crt", "--client-key=client.key", "--token=kubectl-token-77");
        await UseContextAsync();

        var whoami = await _env.Loader.Load(_kubeconfig).WhoAmIAsync();

        whoami.Subject.Should().Be("CN=kubectl-user, O=system:masters");
        whoami.Authorization.Should().Be("Bearer kubectl-token-77");
    }

    [KubectlFact]
    public async Task An_exec_user_written_by_kubectl_runs_its_plugin_with_args_and_env()
    {
        var (cert, key) = _pki.Client("exec-user");
        _env.Write("plugin/credential.json", new System.Text.Json.Nodes.JsonObject
        {
            ["apiVersion"] = "client.authentication.k8s.io/v1beta1",
            ["kind"] = "ExecCredential",
            ["status"] = new System.Text.Json.Nodes.JsonObject { ["clientCertificateData"] = cert, ["clientKeyData"] = key, ["token"] = "exec-token-$1-$ZD_REGION" },
        }.ToJsonString());
        var plugin = _env.WriteScript("plugin/get-token", "sed -e \"s/\\$1/$2/\" -e \"s/\\$ZD_REGION/$ZD_REGION/\" \"$(dirname \"$0\")/credential.json\"\n");
        await SetClusterAsync("--certificate-authority=ca.crt", "--embed-certs=true");
        await KubectlAsync("set-credentials", "u", $"--exec-command={plugin}", "--exec-api-version=client.authentication.k8s.io/v1beta1",
            "--exec-arg=get-token", "--exec-arg=prod", "--exec-env=ZD_REGION=eu-west-1");
        await UseContextAsync();

        var whoami = await _env.Loader.Load(_kubeconfig).WhoAmIAsync();

        whoami.Authorization.Should().Be("Bearer exec-token-prod-eu-west-1");
        whoami.Subject.Should().Be("CN=exec-user, O=system:masters");
    }

    [KubectlFact]
    public async Task A_token_user_and_several_contexts_written_by_kubectl_select_by_name()
    {
        await SetClusterAsync("--certificate-authority=ca.crt", "--embed-certs=true");
        await KubectlAsync("set-credentials", "u", "--token=kubectl-token-1");
        await UseContextAsync();
        await KubectlAsync("set-context", "other", "--cluster", "c", "--user", "u", "--namespace", "other-ns");

        var current = _env.Loader.Load(_kubeconfig);
        var other = _env.Loader.Load(_kubeconfig, "other");

        current.ContextName.Should().Be("ctx");
        other.Namespace.Should().Be("other-ns");
        other.Credentials.Should().BeOfType<BearerTokenCredentialProvider>();
        _env.Invoking(e => e.Loader.Load(_kubeconfig, "missing")).Should().Throw<KubeConfigException>()
            .WithMessage($"Context 'missing' was not found in {_kubeconfig}; available contexts: ctx, other.");
    }

    public void Dispose()
    {
        _pki.Dispose();
        _env.Dispose();
    }

    private Task SetClusterAsync(params string[] extra) =>
        KubectlAsync(["set-cluster", "c", $"--server=https://127.0.0.1:{_server.Address.Port}", .. extra]);

    private async Task UseContextAsync()
    {
        await KubectlAsync("set-context", "ctx", "--cluster", "c", "--user", "u", "--namespace", "ns");
        await KubectlAsync("use-context", "ctx");
    }

    private Task KubectlAsync(params string[] args) => Kubectl.ConfigAsync(_kubeconfig, _env.Directory, args);
}
