using System.Text.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using Xunit;
using ZeroDowntime.Kubernetes.Config;

namespace ZeroDowntime.Kubernetes.Tests.Config;

/// <summary>Exec credential plugins: a bash script that prints an ExecCredential and counts its runs.</summary>
public sealed class ExecPluginTests : IAsyncLifetime, IDisposable
{
    private const string V1 = "client.authentication.k8s.io/v1";
    private const string V1Beta1 = "client.authentication.k8s.io/v1beta1";

    private readonly TestEnvironment _env = new();
    private readonly TestPki _pki = new();
    private TestApiServer _server = null!;

    public async Task InitializeAsync() => _server = await TestApiServer.StartAsync(_pki.Server(), clientCa: null);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private int Calls => File.Exists(Path.Combine(_env.Directory, "plugin", "calls"))
        ? int.Parse(File.ReadAllText(Path.Combine(_env.Directory, "plugin", "calls")).Trim(), System.Globalization.CultureInfo.InvariantCulture)
        : 0;

    [Theory]
    [InlineData(V1)]
    [InlineData(V1Beta1)]
    public async Task The_token_is_cached_until_its_expiry_and_fetched_again_after_it(string apiVersion)
    {
        WriteTokenPlugin(apiVersion, expiresInSeconds: 600);
        var connection = _env.Loader.Load(WriteConfig(ExecUser(apiVersion)));

        (await connection.WhoAmIAsync()).Authorization.Should().Be("Bearer exec-token-1");
        _env.Time.Advance(TimeSpan.FromSeconds(500));
        (await connection.WhoAmIAsync()).Authorization.Should().Be("Bearer exec-token-1");
        Calls.Should().Be(1, "the token is valid for 600 s");

        _env.Time.Advance(TimeSpan.FromSeconds(101));
        (await connection.WhoAmIAsync()).Authorization.Should().Be("Bearer exec-token-2");
        Calls.Should().Be(2);
    }

    [Fact]
    public async Task Invalidating_after_a_401_runs_the_plugin_again()
    {
        WriteTokenPlugin(V1, expiresInSeconds: 3600);
        var connection = _env.Loader.Load(WriteConfig(ExecUser(V1)));
        (await connection.WhoAmIAsync()).Authorization.Should().Be("Bearer exec-token-1");

        var retry = await connection.Credentials!.InvalidateAsync(default);

        retry.Should().BeTrue();
        (await connection.WhoAmIAsync()).Authorization.Should().Be("Bearer exec-token-2");
        Calls.Should().Be(2);
    }

    [Fact]
    public async Task Arguments_env_and_KUBERNETES_EXEC_INFO_reach_the_plugin()
    {
        WriteTokenPlugin(V1Beta1, expiresInSeconds: 600);
        var user = ExecUser(V1Beta1, args: ["eks", "get-token", "--cluster-name", "my cluster"], env: ("ZD_TEST_REGION", "eu-west-1"), provideClusterInfo: true);
        var connection = _env.Loader.Load(WriteConfig(user));

        await connection.WhoAmIAsync();

        File.ReadAllLines(Path.Combine(_env.Directory, "plugin", "args")).Should().Equal("eks", "get-token", "--cluster-name", "my cluster");
        File.ReadAllText(Path.Combine(_env.Directory, "plugin", "env")).Should().Be("eu-west-1|inherited-value");
        var info = JsonNode.Parse(File.ReadAllText(Path.Combine(_env.Directory, "plugin", "exec-info.json")))!;
        info["apiVersion"]!.GetValue<string>().Should().Be(V1Beta1);
        info["kind"]!.GetValue<string>().Should().Be("ExecCredential");
        info["spec"]!["interactive"]!.GetValue<bool>().Should().BeFalse();
        info["spec"]!["cluster"]!["server"]!.GetValue<string>().Should().Be(_server.Address.ToString().TrimEnd('/'));
        info["spec"]!["cluster"]!["certificate-authority-data"]!.GetValue<string>().Should().NotBeEmpty();
    }

    [Fact]
    public async Task A_client_certificate_from_the_plugin_is_presented_in_the_handshake()
    {
        await using var mtls = await TestApiServer.StartAsync(_pki.Server(), clientCa: _pki);
        var (cert, key) = _pki.Client("exec-user", rsa: false);
        var credential = new JsonObject
        {
            ["apiVersion"] = V1,
            ["kind"] = "ExecCredential",
            ["status"] = new JsonObject { ["clientCertificateData"] = cert, ["clientKeyData"] = key },
        };
        _env.Write("plugin/credential.json", credential.ToJsonString());
        _env.WriteScript("plugin/cert-plugin", "cat \"$(dirname \"$0\")/credential.json\"\n");
        var path = _env.Write("config", KubeConfigYaml.Single(
            mtls.Address.ToString(),
            cluster: $"certificate-authority-data: {TestPki.Base64(_pki.CaPem)}",
            user: $"exec:\n  apiVersion: {V1}\n  command: ./plugin/cert-plugin\n  interactiveMode: Never"));

        var whoami = await _env.Loader.Load(path).WhoAmIAsync();

        whoami.Subject.Should().Be("CN=exec-user, O=system:masters");
        whoami.Authorization.Should().BeEmpty();
    }

    [Fact]
    public async Task A_plugin_exiting_non_zero_reports_the_exit_code_and_redacted_stderr_but_never_stdout()
    {
        _env.WriteScript("plugin/failing", """
            echo '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"stdout-secret-token-9876"}}'
            echo "error: AccessDenied assuming role; debug token=stdout-secret-token-9876 Authorization: Bearer abcdef123456" >&2
            exit 3
            """);
        var path = WriteConfig($"exec:\n  apiVersion: {V1}\n  command: ./plugin/failing\n  interactiveMode: Never");
        var connection = _env.Loader.Load(path);

        var act = () => connection.WhoAmIAsync();

        var message = (await act.Should().ThrowAsync<KubeConfigException>()).Which.Message;
        message.Should().Be(
            $"The exec plugin './plugin/failing' for user 'test-user' in {path} exited with code 3; the first line of its stderr (redacted): " +
            "error: AccessDenied assuming role; debug token=<redacted> Authorization: Bearer <redacted>");
    }

    [Fact]
    public async Task Only_the_first_non_empty_line_of_a_long_stderr_is_shown_with_how_many_more_there_are()
    {
        _env.WriteScript("plugin/aws-like", """
            echo "" >&2
            echo "An error occurred (ExpiredTokenException) when calling the AssumeRole operation: the SSO session has expired" >&2
            echo "Traceback line 1" >&2
            echo "Traceback line 2" >&2
            exit 255
            """);
        var path = WriteConfig($"exec:\n  apiVersion: {V1}\n  command: ./plugin/aws-like\n  interactiveMode: Never");
        var connection = _env.Loader.Load(path);

        var act = () => connection.WhoAmIAsync();

        (await act.Should().ThrowAsync<KubeConfigException>()).Which.Message.Should().Be(
            $"The exec plugin './plugin/aws-like' for user 'test-user' in {path} exited with code 255; the first line of its stderr (redacted): " +
            "An error occurred (ExpiredTokenException) when calling the AssumeRole operation: the SSO session has expired (2 more lines: run the command by hand to see them)");
    }

    [Fact]
    public async Task A_plugin_that_hangs_is_stopped_at_the_exec_timeout()
    {
        _env.WriteScript("plugin/hangs", "sleep 120\n");
        _env.ExecPluginTimeout = TimeSpan.FromSeconds(2);
        var path = WriteConfig($"exec:\n  apiVersion: {V1}\n  command: ./plugin/hangs\n  interactiveMode: Never");
        var connection = _env.Loader.Load(path);

        var act = () => connection.WhoAmIAsync();

        (await act.Should().ThrowAsync<KubeConfigException>()).WithMessage(
            $"The exec plugin './plugin/hangs' for user 'test-user' in {path} did not finish within 2 s and was stopped.");
    }

    [Fact]
    public void A_missing_plugin_is_reported_with_the_user_the_file_and_the_install_hint()
    {
        var path = WriteConfig($"exec:\n  apiVersion: {V1Beta1}\n  command: aws-zd-missing\n  installHint: |\n    Install the AWS CLI:\n    https://aws.amazon.com/cli/");

        _env.Invoking(e => e.Loader.Load(path)).Should().Throw<KubeConfigException>().WithMessage(
            $"The exec plugin 'aws-zd-missing' was not found on PATH; it is configured for user 'test-user' in {path}. " +
            "Install hint: Install the AWS CLI: https://aws.amazon.com/cli/");
    }

    [Fact]
    public async Task A_plugin_on_PATH_is_found_by_name()
    {
        WriteTokenPlugin(V1, expiresInSeconds: 600);
        _env.Variables["PATH"] = Path.Combine(_env.Directory, "plugin") + ":" + _env.Variables["PATH"];
        var connection = _env.Loader.Load(WriteConfig($"exec:\n  apiVersion: {V1}\n  command: token-plugin\n  interactiveMode: IfAvailable"));

        (await connection.WhoAmIAsync()).Authorization.Should().Be("Bearer exec-token-1");
    }

    [Fact]
    public async Task Output_that_is_not_an_ExecCredential_is_rejected_without_showing_it()
    {
        _env.WriteScript("plugin/chatty", "echo 'token: not-json-secret-4242'\n");
        var path = WriteConfig($"exec:\n  apiVersion: {V1}\n  command: ./plugin/chatty\n  interactiveMode: Never");
        var connection = _env.Loader.Load(path);

        var act = () => connection.WhoAmIAsync();

        (await act.Should().ThrowAsync<KubeConfigException>()).WithMessage(
            $"The exec plugin './plugin/chatty' for user 'test-user' in {path} did not print an ExecCredential ({V1}) on stdout (output not shown): it is not JSON.");
    }

    [Fact]
    public async Task A_credential_of_another_api_version_is_rejected()
    {
        WriteTokenPlugin(V1Beta1, expiresInSeconds: 600);
        var path = WriteConfig($"exec:\n  apiVersion: {V1}\n  command: ./plugin/token-plugin\n  interactiveMode: Never");
        var connection = _env.Loader.Load(path);

        var act = () => connection.WhoAmIAsync();

        (await act.Should().ThrowAsync<KubeConfigException>()).WithMessage(
            $"*did not print an ExecCredential ({V1}) on stdout (output not shown): its apiVersion differs from the configured '{V1}'.");
    }

    [Fact]
    public void Interactive_mode_Always_is_rejected_because_the_suite_has_no_terminal()
    {
        WriteTokenPlugin(V1, expiresInSeconds: 600);
        var path = WriteConfig($"exec:\n  apiVersion: {V1}\n  command: ./plugin/token-plugin\n  interactiveMode: Always");

        _env.Invoking(e => e.Loader.Load(path)).Should().Throw<KubeConfigException>().WithMessage(
            $"The exec plugin './plugin/token-plugin' of user 'test-user' in {path} needs an interactive terminal (interactiveMode: Always), " +
            "which the suite does not have; use a plugin mode that runs without input.");
    }

    public void Dispose()
    {
        _pki.Dispose();
        _env.Dispose();
    }

    /// <summary>plugin/token-plugin: counts its runs, records args/env/KUBERNETES_EXEC_INFO, prints exec-token-N.</summary>
    private void WriteTokenPlugin(string apiVersion, int expiresInSeconds)
    {
        _env.Variables["ZD_TEST_INHERITED"] = "inherited-value";
        _env.WriteScript("plugin/token-plugin", $$$"""
            dir="$(dirname "$0")"
            n=$(( $(cat "$dir/calls" 2>/dev/null || echo 0) + 1 ))
            echo "$n" > "$dir/calls"
            printf '%s' "$KUBERNETES_EXEC_INFO" > "$dir/exec-info.json"
            printf '%s\n' "$@" > "$dir/args"
            printf '%s|%s' "$ZD_TEST_REGION" "$ZD_TEST_INHERITED" > "$dir/env"
            expiry=$(date -u -d "+{{{expiresInSeconds}}} seconds" +%Y-%m-%dT%H:%M:%SZ)
            printf '{"apiVersion":"{{{apiVersion}}}","kind":"ExecCredential","status":{"token":"exec-token-%s","expirationTimestamp":"%s"}}' "$n" "$expiry"
            """);
    }

    private static string ExecUser(string apiVersion, string[]? args = null, (string Name, string Value)? env = null, bool provideClusterInfo = false)
    {
        var yaml = $"exec:\n  apiVersion: {apiVersion}\n  command: ./plugin/token-plugin\n  interactiveMode: IfAvailable\n  provideClusterInfo: {(provideClusterInfo ? "true" : "false")}\n";
        if (args is not null)
        {
            yaml += "  args:\n" + string.Concat(args.Select(a => $"  - {JsonSerializer.Serialize(a)}\n"));
        }

        if (env is { } e)
        {
            yaml += $"  env:\n  - name: {e.Name}\n    value: {e.Value}\n";
        }

        return yaml;
    }

    private string WriteConfig(string user) => _env.Write("config", KubeConfigYaml.Single(
        _server.Address.ToString(), cluster: $"certificate-authority-data: {TestPki.Base64(_pki.CaPem)}", user: user));
}
