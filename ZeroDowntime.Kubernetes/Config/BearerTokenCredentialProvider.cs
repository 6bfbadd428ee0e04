using System.Net.Http.Headers;

namespace ZeroDowntime.Kubernetes.Config;

/// <summary>A fixed bearer token (kubeconfig <c>token</c>). A 401 cannot be fixed by retrying, so <see cref="InvalidateAsync"/> returns false.</summary>
/// <example>
/// <code>
/// var connection = new ClusterConnection { ..., Credentials = new BearerTokenCredentialProvider(token) };
/// </code>
/// </example>
public sealed class BearerTokenCredentialProvider : ICredentialProvider
{
    private readonly AuthenticationHeaderValue _header;

    /// <summary>Uses <paramref name="token"/> on every request.</summary>
    public BearerTokenCredentialProvider(string token)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        _header = new AuthenticationHeaderValue("Bearer", token.Trim());
    }

    /// <inheritdoc />
    public ValueTask ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = _header;
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<bool> InvalidateAsync(CancellationToken cancellationToken) => ValueTask.FromResult(false);

    /// <inheritdoc />
    public override string ToString() => "bearer token (not shown)";
}
