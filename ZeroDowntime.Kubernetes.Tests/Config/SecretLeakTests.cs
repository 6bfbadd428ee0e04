using FluentAssertions;
using Xunit;
using ZeroDowntime.Kubernetes.Config;

namespace ZeroDowntime.Kubernetes.Tests.Config;

/// <summary>Tokens, client keys and exec plugin output never reach a message or a ToString().</summary>
public sealed class SecretLeakTests : IDisposable
{
    private const string Token = "leak-canary-token-5d1f0c";
    private readonly TestEnvironment _env = new();
    private readonly TestPki _pki = new();

    [Fact]
    public async Task No_token_or_client_key_appears_in_any_message_or_ToString()
    {
        var (cert, key) = _pki.Client("alice");
        var (_, otherKey) = _pki.Client("mallory", rsa: false);
        var expired = _pki.Client("expired", notAfter: DateTimeOffset.UtcNow.AddDays(-1));
        var keyBody = KeyBody(key);
        _env.Write("token", Token);
        _env.WriteScript("plugin/leaky", $"""
            echo '{"{"}"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"{"}"token":"{Token}"{"}}"}'
            echo "failed; cached credential {Token}" >&2
            echo "-----BEGIN RSA PRIVATE KEY-----" >&2
            echo "{keyBody[..40]}" >&2
            exit 1
            """);
        _env.WriteScript("plugin/not-json", $"echo 'token={Token}'\n");
        await using var untrusted = await TestApiServer.StartAsync(new TestPki("Other CA").Server());

        var texts = new List<string>();
        void Capture(Func<object> build)
        {
            try
            {
                var built = build();
                texts.Add(built.ToString()!);
                if (built is ClusterConnection connection)
                {
                    texts.Add(connection.Credentials?.ToString() ?? string.Empty);
                }
            }
            catch (Exception ex)
            {
                texts.Add(ex.ToString());
            }
        }

        async Task CaptureAsync(Func<Task> act)
        {
            try
            {
                await act();
            }
            catch (Exception ex)
            {
                texts.Add(ex.ToString());
            }
        }

        string Config(string name, string user, string cluster = "", string server = "https://127.0.0.1:6443") =>
            _env.Write(name, KubeConfigYaml.Single(server, cluster: cluster, user: user));

        Capture(() => _env.Loader.Load(Config("token", $"token: {Token}")));
        Capture(() => _env.Loader.Load(Config("token-file", "tokenFile: token")));
        Capture(() => _env.Loader.Load(Config("cert", $"client-certificate-data: {TestPki.Base64(cert)}\nclient-key-data: {TestPki.Base64(key)}")));
        Capture(() => _env.Loader.Load(Config("mismatch", $"client-certificate-data: {TestPki.Base64(cert)}\nclient-key-data: {TestPki.Base64(otherKey)}")));
        Capture(() => _env.Loader.Load(Config("expired", $"client-certificate-data: {TestPki.Base64(expired.CertificatePem)}\nclient-key-data: {TestPki.Base64(expired.KeyPem)}")));
        Capture(() => _env.Loader.Load(Config("bad-yaml", $"token: {Token}\n  nested: wrong")));
        Capture(() => _env.Loader.Load(Config("basic", $"username: admin\npassword: {Token}")));
        var leaky = _env.Loader.Load(Config("leaky", "exec:\n  apiVersion: client.authentication.k8s.io/v1\n  command: ./plugin/leaky\n  interactiveMode: Never"));
        texts.Add(leaky.Credentials!.ToString()!);
        await CaptureAsync(() => leaky.WhoAmIAsync());
        await CaptureAsync(() => _env.Loader.Load(Config("not-json", "exec:\n  apiVersion: client.authentication.k8s.io/v1\n  command: ./plugin/not-json")).WhoAmIAsync());
        await CaptureAsync(() => _env.Loader.Load(Config("tls", $"token: {Token}", $"certificate-authority-data: {TestPki.Base64(_pki.CaPem)}", untrusted.Address.ToString())).WhoAmIAsync());

        texts.Should().HaveCount(14);
        texts.Should().Contain(t => t.Contains("exited with code 1", StringComparison.Ordinal), "the failing plugin was really run");
        texts.Should().Contain(t => t.Contains("is untrusted", StringComparison.Ordinal), "the TLS failure was really hit");
        foreach (var text in texts)
        {
            text.Should().NotContain(Token).And.NotContain(keyBody[..40]).And.NotContain(KeyBody(otherKey)[..40]).And.NotContain("PRIVATE KEY-----");
        }
    }

    [Fact]
    public void Redact_masks_bearer_tokens_token_fields_pem_blocks_jwts_and_eks_tokens()
    {
        var text = """
            Authorization: Bearer abc.def-123
            token: plain-token-value
            {"token":"json-token-value","clientKeyData":"-----BEGIN EC PRIVATE KEY-----\nMHcCAQ\n-----END EC PRIVATE KEY-----"}
            id eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJl and k8s-aws-v1.aHR0cHM6Ly9zdHM
            """;

        var redacted = Secrets.Redact(text);

        redacted.Should().Be("""
            Authorization: Bearer <redacted>
            token: <redacted>
            {"token":"<redacted>","clientKeyData":"<redacted PEM block>"}
            id <redacted> and <redacted>
            """);
    }

    [Fact]
    public void Redact_masks_known_literal_secrets_and_keeps_ordinary_text()
    {
        Secrets.Redact("role arn:aws:iam::1:role/x denied for s3cr3t-value-77", ["s3cr3t-value-77", "abc"])
            .Should().Be("role arn:aws:iam::1:role/x denied for <redacted>");
    }

    public void Dispose()
    {
        _pki.Dispose();
        _env.Dispose();
    }

    private static string KeyBody(string pem) => string.Concat(pem.Split('\n').Where(line => !line.StartsWith("-----", StringComparison.Ordinal)));
}
