using FluentAssertions;
using k8s;
using Xunit;
using ZeroDowntime.Kubernetes.Config;

namespace ZeroDowntime.Kubernetes.Tests.Config;

/// <summary>Real TLS over loopback: the handshake verifies the server against the kubeconfig's CA and the server verifies our client certificate.</summary>
public sealed class TlsTests : IDisposable
{
    private readonly TestEnvironment _env = new();
    private readonly TestPki _pki = new();

    [Fact]
    public async Task Mutual_tls_with_embedded_ca_and_client_certificate_data_succeeds()
    {
        await using var server = await TestApiServer.StartAsync(_pki.Server(), clientCa: _pki);
        var (cert, key) = _pki.Client("alice", rsa: true);
        var path = _env.Write("config", KubeConfigYaml.Single(
            server.Address.ToString(),
            cluster: $"certificate-authority-data: {TestPki.Base64(_pki.CaPem)}",
            user: $"client-certificate-data: {TestPki.Base64(cert)}\nclient-key-data: {TestPki.Base64(key)}"));

        var whoami = await _env.Loader.Load(path).WhoAmIAsync();

        whoami.Subject.Should().Be("CN=alice, O=system:masters");
    }

    [Fact]
    public async Task Mutual_tls_with_ca_certificate_and_ec_key_files_relative_to_the_kubeconfig_succeeds()
    {
        await using var server = await TestApiServer.StartAsync(_pki.Server(), clientCa: _pki);
        var (cert, key) = _pki.Client("bob", rsa: false);
        _env.Write("kube/pki/ca.crt", _pki.CaPem);
        _env.Write("kube/pki/bob.crt", cert);
        _env.Write("kube/pki/bob.key", key);
        var path = _env.Write("kube/config", KubeConfigYaml.Single(
            server.Address.ToString(),
            cluster: "certificate-authority: pki/ca.crt",
            user: "client-certificate: pki/bob.crt\nclient-key: ./pki/bob.key"));

        var whoami = await _env.Loader.Load(path).WhoAmIAsync();

        whoami.Subject.Should().Be("CN=bob, O=system:masters");
    }

    [Fact]
    public async Task A_server_certificate_from_another_ca_is_rejected_as_untrusted()
    {
        await using var server = await TestApiServer.StartAsync(_pki.Server());
        using var otherCa = new TestPki("Some Other CA");
        var path = _env.Write("config", KubeConfigYaml.Single(
            server.Address.ToString(), cluster: $"certificate-authority-data: {TestPki.Base64(otherCa.CaPem)}", user: "token: t0ken-value"));

        var act = () => _env.Loader.Load(path).WhoAmIAsync();

        var failure = (await act.Should().ThrowAsync<TlsValidationException>()).Which;
        failure.Reason.Should().Be(TlsFailureReason.UntrustedRoot);
        failure.Message.Should().Be(
            $"TLS verification of https://127.0.0.1:{server.Address.Port} failed: the server certificate 'CN=test-apiserver' (issued by 'CN=ZeroDowntime Test CA') " +
            $"is untrusted: it does not chain to the configured certificate authority (cluster 'test-cluster' in {path}).");
    }

    [Fact]
    public async Task The_client_reports_the_tls_reason_and_does_not_retry_a_bad_certificate()
    {
        var expiredAt = DateTimeOffset.UtcNow.AddDays(-1);
        await using var server = await TestApiServer.StartAsync(_pki.Server(notBefore: expiredAt.AddDays(-10), notAfter: expiredAt));
        var path = _env.Write("config", KubeConfigYaml.Single(
            server.Address.ToString(), cluster: $"certificate-authority-data: {TestPki.Base64(_pki.CaPem)}"));
        var log = new List<string>();
        using var kube = _env.Loader.Load(path).CreateClient(new KubeClientOptions { Log = log.Add });

        var act = () => kube.CoreV1.ListNamespacedPodAsync("default");

        (await act.Should().ThrowAsync<KubernetesConnectionException>()).Which.Message.Should().Be(
            $"could not reach the Kubernetes API server at https://127.0.0.1:{server.Address.Port}: TLS verification of https://127.0.0.1:{server.Address.Port} " +
            $"failed: the server certificate 'CN=test-apiserver' expired at {expiredAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z (cluster 'test-cluster' in {path}).");
        log.Should().NotContain(line => line.Contains("retry"), "a bad certificate does not fix itself");
    }

    [Fact]
    public async Task An_expired_server_certificate_is_rejected_with_its_expiry_time()
    {
        var expiredAt = DateTimeOffset.UtcNow.AddDays(-1);
        await using var server = await TestApiServer.StartAsync(_pki.Server(notBefore: expiredAt.AddDays(-10), notAfter: expiredAt));
        var path = _env.Write("config", KubeConfigYaml.Single(
            server.Address.ToString(), cluster: $"certificate-authority-data: {TestPki.Base64(_pki.CaPem)}"));

        var act = () => _env.Loader.Load(path).WhoAmIAsync();

        var failure = (await act.Should().ThrowAsync<TlsValidationException>()).Which;
        failure.Reason.Should().Be(TlsFailureReason.Expired);
        failure.Message.Should().Be(
            $"TLS verification of https://127.0.0.1:{server.Address.Port} failed: the server certificate 'CN=test-apiserver' expired at " +
            $"{expiredAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z (cluster 'test-cluster' in {path}).");
    }

    [Fact]
    public async Task A_server_certificate_for_another_name_is_rejected_naming_the_names_it_is_valid_for()
    {
        await using var server = await TestApiServer.StartAsync(_pki.Server());
        var path = _env.Write("config", KubeConfigYaml.Single(
            server.Address.ToString(), cluster: $"certificate-authority-data: {TestPki.Base64(_pki.CaPem)}\ntls-server-name: kube.example.internal"));

        var act = () => _env.Loader.Load(path).WhoAmIAsync();

        var failure = (await act.Should().ThrowAsync<TlsValidationException>()).Which;
        failure.Reason.Should().Be(TlsFailureReason.NameMismatch);
        failure.Message.Should().Be(
            $"TLS verification of https://127.0.0.1:{server.Address.Port} failed: the server certificate 'CN=test-apiserver' is valid for localhost, 127.0.0.1, " +
            $"not for 'kube.example.internal' (set tls-server-name if the API server is reached under another name) (cluster 'test-cluster' in {path}).");
    }

    [Fact]
    public async Task Tls_server_name_is_checked_instead_of_the_url_host_and_sent_as_sni()
    {
        await using var server = await TestApiServer.StartAsync(_pki.Server(extraDnsNames: "kubernetes.default.svc"));
        var path = _env.Write("config", KubeConfigYaml.Single(
            server.Address.ToString(),
            cluster: $"certificate-authority-data: {TestPki.Base64(_pki.CaPem)}\ntls-server-name: kubernetes.default.svc",
            user: "token: abc123"));

        var whoami = await _env.Loader.Load(path).WhoAmIAsync();

        whoami.Authorization.Should().Be("Bearer abc123");
        server.LastServerName.Should().Be("kubernetes.default.svc");
    }

    [Fact]
    public async Task Insecure_skip_tls_verify_accepts_an_untrusted_server()
    {
        using var strangerCa = new TestPki("Stranger CA");
        await using var server = await TestApiServer.StartAsync(strangerCa.Server());
        var path = _env.Write("config", KubeConfigYaml.Single(server.Address.ToString(), cluster: "insecure-skip-tls-verify: true", user: "token: abc123"));

        var whoami = await _env.Loader.Load(path).WhoAmIAsync();

        whoami.Authorization.Should().Be("Bearer abc123");
    }

    [Fact]
    public void An_expired_client_certificate_fails_while_loading()
    {
        var expiredAt = DateTimeOffset.UtcNow.AddHours(-1);
        var (cert, key) = _pki.Client("old-admin", notAfter: expiredAt);
        var path = _env.Write("config", KubeConfigYaml.Single(
            "https://127.0.0.1:6443", user: $"client-certificate-data: {TestPki.Base64(cert)}\nclient-key-data: {TestPki.Base64(key)}"));

        var act = () => _env.Loader.Load(path);

        act.Should().Throw<KubeConfigException>().WithMessage(
            $"The client certificate 'CN=old-admin, O=system:masters' of user 'test-user' in {path} expired at {expiredAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z; " +
            "renew it (e.g. re-run the tool that wrote this kubeconfig).");
    }

    [Fact]
    public void A_client_key_that_does_not_match_the_certificate_fails_while_loading()
    {
        var (cert, _) = _pki.Client("alice");
        var (_, otherKey) = _pki.Client("mallory");
        var path = _env.Write("config", KubeConfigYaml.Single(
            "https://127.0.0.1:6443", user: $"client-certificate-data: {TestPki.Base64(cert)}\nclient-key-data: {TestPki.Base64(otherKey)}"));

        var act = () => _env.Loader.Load(path);

        act.Should().Throw<KubeConfigException>()
            .Which.Message.Should().StartWith($"The client certificate and key of user 'test-user' in {path} could not be combined: ")
            .And.NotContain("PRIVATE KEY");
    }

    [Fact]
    public void Unreadable_ca_and_key_files_are_named_in_the_message()
    {
        var caPath = _env.Write("config", KubeConfigYaml.Single("https://127.0.0.1:6443", cluster: "certificate-authority: missing/ca.crt"));
        var keyPath = _env.Write("config2", KubeConfigYaml.Single(
            "https://127.0.0.1:6443", user: "client-certificate: missing.crt\nclient-key: missing.key"));

        _env.Invoking(e => e.Loader.Load(caPath)).Should().Throw<KubeConfigException>().WithMessage(
            $"The certificate-authority file {_env.Directory}/missing/ca.crt of cluster 'test-cluster' in {caPath} could not be read: Could not find *");
        _env.Invoking(e => e.Loader.Load(keyPath)).Should().Throw<KubeConfigException>().WithMessage(
            $"The client-certificate file {_env.Directory}/missing.crt of user 'test-user' in {keyPath} could not be read: Could not find *");
    }

    [Fact]
    public void Insecure_skip_tls_verify_together_with_a_ca_is_rejected_as_kubectl_does()
    {
        var path = _env.Write("config", KubeConfigYaml.Single(
            "https://127.0.0.1:6443", cluster: $"insecure-skip-tls-verify: true\ncertificate-authority-data: {TestPki.Base64(_pki.CaPem)}"));

        _env.Invoking(e => e.Loader.Load(path)).Should().Throw<KubeConfigException>().WithMessage(
            $"The cluster 'test-cluster' in {path} sets both insecure-skip-tls-verify and a certificate-authority, which kubectl rejects too; remove one of them.");
    }

    public void Dispose()
    {
        _pki.Dispose();
        _env.Dispose();
    }
}
