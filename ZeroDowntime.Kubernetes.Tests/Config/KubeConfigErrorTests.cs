using FluentAssertions;
using Xunit;
using ZeroDowntime.Kubernetes.Config;

namespace ZeroDowntime.Kubernetes.Tests.Config;

/// <summary>Bad configuration fails at load time with one sentence naming the file, context, cluster or user.</summary>
public sealed class KubeConfigErrorTests : IDisposable
{
    private readonly TestEnvironment _env = new();

    [Fact]
    public void Malformed_yaml_names_the_file_and_the_line()
    {
        var path = _env.Write("config", "apiVersion: v1\nclusters:\n- name: c\n  cluster:\n    server: https://x\n   name: misplaced\n");

        _env.Invoking(e => e.Loader.Load(path)).Should().Throw<KubeConfigException>()
            .WithMessage($"The kubeconfig {path} is not valid YAML at line 6, column 4: While parsing a block mapping, did not find expected key.");
    }

    [Fact]
    public void A_missing_context_is_named_with_the_available_ones()
    {
        var path = _env.Write("config", KubeConfigYaml.Single("https://x.example", context: "staging"));

        _env.Invoking(e => e.Loader.Load(path, "prod")).Should().Throw<KubeConfigException>()
            .WithMessage($"Context 'prod' was not found in {path}; available contexts: staging.");
    }

    [Fact]
    public void No_current_context_and_none_requested_lists_the_contexts()
    {
        var path = _env.Write("config", KubeConfigYaml.Single("https://x.example", context: "staging").Replace("current-context: staging", string.Empty, StringComparison.Ordinal));

        _env.Invoking(e => e.Loader.Load(path)).Should().Throw<KubeConfigException>()
            .WithMessage($"No context was requested and {path} sets no current-context; available contexts: staging.");
    }

    [Fact]
    public void A_context_pointing_at_a_missing_cluster_or_user_names_both()
    {
        var yaml = KubeConfigYaml.Single("https://x.example", user: "token: abc");
        var missingCluster = _env.Write("c1", yaml.Replace("cluster: test-cluster", "cluster: gone-cluster", StringComparison.Ordinal));
        var missingUser = _env.Write("c2", yaml.Replace("user: test-user", "user: gone-user", StringComparison.Ordinal));

        _env.Invoking(e => e.Loader.Load(missingCluster)).Should().Throw<KubeConfigException>()
            .WithMessage($"The context 'test' in {missingCluster} refers to cluster 'gone-cluster', which is not defined in {missingCluster}.");
        _env.Invoking(e => e.Loader.Load(missingUser)).Should().Throw<KubeConfigException>()
            .WithMessage($"The context 'test' in {missingUser} refers to user 'gone-user', which is not defined in {missingUser}.");
    }

    [Fact]
    public void Unsupported_auth_methods_say_what_to_use_instead()
    {
        var provider = _env.Write("p", KubeConfigYaml.Single("https://x.example", user: "auth-provider:\n  name: oidc\n  config:\n    id-token: eyJabc.def.ghi"));
        var basic = _env.Write("b", KubeConfigYaml.Single("https://x.example", user: "username: admin\npassword: hunter2hunter2"));

        _env.Invoking(e => e.Loader.Load(provider)).Should().Throw<KubeConfigException>().WithMessage(
            $"The user 'test-user' in {provider} uses the legacy auth-provider 'oidc', which is not supported; switch it to an exec plugin (e.g. kubelogin or gke-gcloud-auth-plugin).");
        _env.Invoking(e => e.Loader.Load(basic)).Should().Throw<KubeConfigException>().WithMessage(
            $"The user 'test-user' in {basic} uses username/password (basic auth), which is not supported; use a token, a client certificate or an exec plugin.");
    }

    [Fact]
    public void Invalid_base64_names_the_setting()
    {
        var path = _env.Write("config", KubeConfigYaml.Single("https://x.example", cluster: "certificate-authority-data: not*base64"));

        _env.Invoking(e => e.Loader.Load(path)).Should().Throw<KubeConfigException>()
            .WithMessage($"The certificate-authority-data of cluster 'test-cluster' in {path} is not valid base64.");
    }

    public void Dispose() => _env.Dispose();
}
