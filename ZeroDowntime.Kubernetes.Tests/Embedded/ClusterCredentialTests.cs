using FluentAssertions;
using k8s;
using k8s.Autorest;
using ZeroDowntime.Kubernetes.Tests.Config;
using ZeroDowntime.Kubernetes.Tests.Fakes;

namespace ZeroDowntime.Kubernetes.Tests.Embedded;

/// <summary>The embedded cluster's own kubeconfig: found through a KUBECONFIG list with a missing file, and its token never leaks.</summary>
public sealed class ClusterCredentialTests(EmbeddedCluster cluster) : IClassFixture<EmbeddedCluster>, IDisposable
{
    private readonly TestEnvironment _env = new();

    public void Dispose() => _env.Dispose();

    [Fact]
    public async Task A_KUBECONFIG_list_with_a_missing_file_is_followed_to_the_cluster_as_kubectl_does()
    {
        _env.Variables["KUBECONFIG"] = $"{_env.Directory}/missing/config:{cluster.KubeconfigPath}";

        var connection = _env.Loader.Load();
        using var kube = connection.CreateClient(ClientFactory.FastOptions());

        connection.ContextName.Should().Be("zd-local");
        (await kube.CoreV1.ListNamespaceAsync()).Items.Select(n => n.Metadata.Name).Should().Contain("default");
    }

    [Fact]
    public async Task The_clusters_token_never_appears_in_errors_logs_or_ToString()
    {
        var log = new TestLog();
        using var kube = cluster.CreateClient(ClientFactory.FastOptions(log));
        var ns = await cluster.NewNamespaceAsync(kube);
        await kube.CoreV1.CreateNamespacedPodAsync(Objects.RunnablePod("a"), ns);
        var errors = new List<Exception>();
        foreach (var call in new Func<Task>[]
                 {
                     () => kube.CoreV1.ReadNamespacedPodAsync("missing", ns),
                     () => kube.CoreV1.CreateNamespacedPodAsync(Objects.RunnablePod("a"), ns),
                     () => kube.EvictPodAsync("a", ns),
                 })
        {
            errors.Add((await FluentActions.Awaiting(call).Should().ThrowAsync<Exception>()).Which);
        }

        var texts = new List<string> { cluster.Connection.ToString(), cluster.Connection.Credentials!.ToString()! };
        texts.AddRange(errors.Select(e => e.ToString()));
        texts.AddRange(errors.Select(e => e as HttpOperationException ?? e.InnerException as HttpOperationException)
            .SelectMany(e => e!.Request.Headers.SelectMany(h => h.Value.Prepend(h.Key)).Append(e.Describe())));
        texts.AddRange(log.Lines);

        cluster.Token.Should().HaveLength(32);
        texts.Should().HaveCountGreaterThan(8).And.NotContain(t => t.Contains(cluster.Token, StringComparison.Ordinal));
    }
}
