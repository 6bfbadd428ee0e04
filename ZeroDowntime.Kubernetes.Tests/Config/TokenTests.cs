using FluentAssertions;
using Xunit;
using ZeroDowntime.Kubernetes.Config;

namespace ZeroDowntime.Kubernetes.Tests.Config;

/// <summary>Bearer tokens from <c>token</c> and <c>tokenFile</c>, sent over real TLS.</summary>
public sealed class TokenTests : IAsyncLifetime, IDisposable
{
    private readonly TestEnvironment _env = new();
    private readonly TestPki _pki = new();
    private TestApiServer _server = null!;

    public async Task InitializeAsync() => _server = await TestApiServer.StartAsync(_pki.Server());

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_token_is_sent_as_a_bearer_header()
    {
        var connection = _env.Loader.Load(WriteConfig("token: static-token-0001"));

        var whoami = await connection.WhoAmIAsync();

        whoami.Authorization.Should().Be("Bearer static-token-0001");
        (await connection.Credentials!.InvalidateAsync(default)).Should().BeFalse("a fixed token cannot get better by retrying");
    }

    [Fact]
    public async Task A_rotated_token_file_is_read_again_after_a_401()
    {
        var tokenPath = _env.Write("tokens/current", "first-token-0001\n");
        var connection = _env.Loader.Load(WriteConfig("tokenFile: tokens/current"));
        (await connection.WhoAmIAsync()).Authorization.Should().Be("Bearer first-token-0001");

        File.WriteAllText(tokenPath, "second-token-0002");
        var retry = await connection.Credentials!.InvalidateAsync(default);

        retry.Should().BeTrue("the file now holds a different token");
        (await connection.WhoAmIAsync()).Authorization.Should().Be("Bearer second-token-0002");
        (await connection.Credentials.InvalidateAsync(default)).Should().BeFalse("the file did not change again");
    }

    [Fact]
    public async Task A_token_file_is_read_again_after_a_minute_without_a_401()
    {
        var tokenPath = _env.Write("token", "first-token-0001");
        var connection = _env.Loader.Load(WriteConfig("tokenFile: token"));
        File.WriteAllText(tokenPath, "second-token-0002");

        (await connection.WhoAmIAsync()).Authorization.Should().Be("Bearer first-token-0001", "the file is cached for a minute");
        _env.Time.Advance(TimeSpan.FromSeconds(61));
        (await connection.WhoAmIAsync()).Authorization.Should().Be("Bearer second-token-0002");
    }

    [Fact]
    public void A_missing_token_file_fails_while_loading_naming_the_file_and_user()
    {
        var path = WriteConfig("tokenFile: /nonexistent/zd-token");

        _env.Invoking(e => e.Loader.Load(path)).Should().Throw<KubeConfigException>().WithMessage(
            $"The token file /nonexistent/zd-token of user 'test-user' in {path} could not be read: Could not find a part of the path*");
    }

    public void Dispose()
    {
        _pki.Dispose();
        _env.Dispose();
    }

    private string WriteConfig(string user) => _env.Write("config", KubeConfigYaml.Single(
        _server.Address.ToString(), cluster: $"certificate-authority-data: {TestPki.Base64(_pki.CaPem)}", user: user));
}
