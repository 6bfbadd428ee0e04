using FluentAssertions;
using Xunit;
using ZeroDowntime.Kubernetes.Config;

namespace ZeroDowntime.Kubernetes.Tests.Config;

/// <summary>Where the configuration comes from: explicit path, KUBECONFIG list, ~/.kube/config, in-cluster.</summary>
public sealed class ResolutionTests : IDisposable
{
    private readonly TestEnvironment _env = new();

    [Fact]
    public void The_KUBECONFIG_list_is_merged_first_file_wins_and_its_current_context_is_used()
    {
        var first = _env.Write("a/config", """
            current-context: alpha
            clusters:
            - name: shared
              cluster: {server: "https://first.example:6443"}
            contexts:
            - name: alpha
              context: {cluster: shared, user: u, namespace: alpha-ns}
            users:
            - name: u
              user: {token: first-token}
            """);
        var second = _env.Write("b/config", """
            current-context: beta
            clusters:
            - name: shared
              cluster: {server: "https://second.example:6443"}
            - name: only-second
              cluster: {server: "https://only-second.example"}
            contexts:
            - name: alpha
              context: {cluster: only-second, user: u}
            - name: beta
              context: {cluster: only-second, user: u}
            users:
            - name: u
              user: {token: second-token}
            """);
        _env.Variables["KUBECONFIG"] = $"{first}::{_env.Directory}/missing/config:{second}";

        var current = _env.Loader.Load();
        var beta = _env.Loader.Load(context: "beta");

        current.ContextName.Should().Be("alpha");
        current.Server.Should().Be(new Uri("https://first.example:6443/"));
        current.Namespace.Should().Be("alpha-ns");
        beta.Server.Should().Be(new Uri("https://only-second.example/"), "names only the second file defines are still available");
        beta.Namespace.Should().Be("default");
    }

    [Fact]
    public void An_explicit_path_wins_over_KUBECONFIG_and_the_home_config()
    {
        var explicitPath = _env.Write("explicit", KubeConfigYaml.Single("https://explicit.example", context: "explicit-ctx"));
        _env.Variables["KUBECONFIG"] = _env.Write("listed", KubeConfigYaml.Single("https://listed.example", context: "listed-ctx"));
        _env.Write("home/.kube/config", KubeConfigYaml.Single("https://home.example", context: "home-ctx"));

        _env.Loader.Load(explicitPath).ContextName.Should().Be("explicit-ctx");
        _env.Loader.Load().ContextName.Should().Be("listed-ctx");
    }

    [Fact]
    public void The_home_config_is_used_when_KUBECONFIG_is_unset()
    {
        _env.Write("home/.kube/config", KubeConfigYaml.Single("https://home.example:443", context: "home-ctx", contextNamespace: "team-a"));

        var connection = _env.Loader.Load();

        connection.ContextName.Should().Be("home-ctx");
        connection.Namespace.Should().Be("team-a");
        connection.ToString().Should().Be("context 'home-ctx' at https://home.example/");
    }

    [Fact]
    public async Task The_in_cluster_service_account_is_used_when_no_kubeconfig_exists()
    {
        using var pki = new TestPki();
        await using var server = await TestApiServer.StartAsync(pki.Server());
        _env.Write("serviceaccount/token", "sa-token-0001\n");
        _env.Write("serviceaccount/ca.crt", pki.CaPem);
        _env.Write("serviceaccount/namespace", "ray-system");
        _env.Variables["KUBERNETES_SERVICE_HOST"] = "127.0.0.1";
        _env.Variables["KUBERNETES_SERVICE_PORT"] = server.Address.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var connection = _env.Loader.Load();
        var whoami = await connection.WhoAmIAsync();

        connection.ContextName.Should().Be("in-cluster");
        connection.Namespace.Should().Be("ray-system");
        connection.Server.Should().Be(new Uri($"https://127.0.0.1:{server.Address.Port}/"));
        whoami.Authorization.Should().Be("Bearer sa-token-0001");
    }

    [Fact]
    public void KUBECONFIG_naming_only_missing_files_falls_back_to_in_cluster_not_to_the_home_config()
    {
        _env.Write("home/.kube/config", KubeConfigYaml.Single("https://home.example", context: "home-ctx"));
        _env.Write("serviceaccount/token", "sa-token");
        _env.Variables["KUBECONFIG"] = Path.Combine(_env.Directory, "typo-config");
        _env.Variables["KUBERNETES_SERVICE_HOST"] = "10.96.0.1";
        _env.Variables["KUBERNETES_SERVICE_PORT"] = "443";

        _env.Loader.Load().ContextName.Should().Be("in-cluster");
    }

    [Fact]
    public void Nothing_anywhere_is_one_sentence_that_lists_where_it_looked()
    {
        _env.Invoking(e => e.Loader.Load()).Should().Throw<KubeConfigException>().WithMessage(
            $"No kubeconfig was found: no path was given, KUBECONFIG is not set and {_env.Home}/.kube/config does not exist, " +
            "and KUBERNETES_SERVICE_HOST is not set, so this is not an in-cluster run.");

        _env.Variables["KUBECONFIG"] = "/nowhere/a:/nowhere/b";
        _env.Invoking(e => e.Loader.Load()).Should().Throw<KubeConfigException>().WithMessage(
            "No kubeconfig was found: none of the KUBECONFIG files (/nowhere/a, /nowhere/b) exist, and KUBERNETES_SERVICE_HOST is not set, so this is not an in-cluster run.");
    }

    [Fact]
    public void A_missing_explicit_path_is_named()
    {
        _env.Invoking(e => e.Loader.Load("/nowhere/kubeconfig")).Should().Throw<KubeConfigException>()
            .WithMessage("The kubeconfig /nowhere/kubeconfig (passed explicitly) does not exist.");
    }

    [Fact]
    public void A_server_with_a_path_prefix_keeps_it_for_relative_requests()
    {
        var path = _env.Write("config", KubeConfigYaml.Single("https://rancher.example/k8s/clusters/c-42"));

        var server = _env.Loader.Load(path).Server;

        new Uri(server, "api/v1/pods").Should().Be(new Uri("https://rancher.example/k8s/clusters/c-42/api/v1/pods"));
    }

    public void Dispose() => _env.Dispose();
}
