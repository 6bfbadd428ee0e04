using FluentAssertions;
using Xunit;
using ZeroDowntime.Fixtures.Cluster;
using ZeroDowntime.Fixtures.Configuration;
using ZeroDowntime.Kubernetes.Config;

namespace ZeroDowntime.Fixtures.Tests.Cluster;

/// <summary>
/// The kubeconfig's exec plugin fails: the cluster fixture stops with the one sentence the client's credential layer
/// writes (user, command, exit code, first line of stderr), and no secret the plugin printed on stdout reaches it.
/// Nothing is contacted: the credential is needed before the first request leaves.
/// </summary>
public sealed class ExecPluginFailureTests : IDisposable
{
    private const string SecretOnStdout = "k8s-aws-v1.c2VjcmV0LXRva2VuLXZhbHVlLTEyMzQ1Njc4OTA";

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("zd-exec-fail-");

    [Fact]
    public async Task A_failing_exec_plugin_stops_the_fixture_in_one_sentence_without_the_secret_it_printed()
    {
        var plugin = Path.Combine(_dir.FullName, "get-token");
        await File.WriteAllTextAsync(plugin,
            "#!/bin/sh\n" +
            $"echo '{{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\",\"status\":{{\"token\":\"{SecretOnStdout}\"}}}}'\n" +
            $"echo 'Unable to locate credentials; cached token {SecretOnStdout} is expired' >&2\n" +
            "echo 'more detail' >&2\n" +
            "exit 253\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(plugin, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var kubeconfig = Path.Combine(_dir.FullName, "config");
        await File.WriteAllTextAsync(kubeconfig, $"""
            apiVersion: v1
            kind: Config
            current-context: prod
            clusters:
            - name: prod
              cluster:
                server: https://127.0.0.1:1
                insecure-skip-tls-verify: true
            users:
            - name: eks-admin
              user:
                exec:
                  apiVersion: client.authentication.k8s.io/v1
                  command: {plugin}
                  interactiveMode: Never
            contexts:
            - name: prod
              context: {"{"}cluster: prod, user: eks-admin{"}"}
            """);
        var fixture = ClusterFixture.WithOptions(new ClusterFixtureOptions
        {
            Settings = ZeroDowntimeSettings.Load(new Dictionary<string, string?>
            {
                ["ZD_CLUSTER"] = "kubeconfig",
                ["ZD_KUBECONFIG"] = kubeconfig,
                ["ZD_RESULTS_DIR"] = Path.Combine(_dir.FullName, "results"),
            }),
            WriteReports = false,
            Log = _ => { },
        });

        var act = fixture.InitializeAsync;

        var error = (await act.Should().ThrowAsync<KubeConfigException>()).Which;
        error.Message.Should().Be(
            $"The exec plugin '{plugin}' for user 'eks-admin' in {kubeconfig} exited with code 253; the first line of its stderr (redacted): " +
            "Unable to locate credentials; cached token <redacted> is expired (1 more line: run the command by hand to see them)");
        error.ToString().Should().NotContain(SecretOnStdout);
        await fixture.DisposeAsync();
    }

    public void Dispose() => _dir.Delete(recursive: true);
}
