using System.Net.Http.Headers;

namespace ZeroDowntime.Kubernetes.Tests.Fakes;

/// <summary>A bearer-token provider that counts invalidations and rotates its token when invalidated.</summary>
public sealed class TestCredentials(string token, bool refreshes = true) : ICredentialProvider
{
    /// <summary>A recognisable secret; tests assert it never leaks.</summary>
    public const string SecretToken = "zd-test-token-5ecr3t-9f8e7d";

    private int _invalidations;

    /// <summary>The token currently sent.</summary>
    public string Token { get; private set; } = token;

    /// <summary>How often InvalidateAsync ran.</summary>
    public int Invalidations => _invalidations;

    /// <inheritdoc />
    public ValueTask ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<bool> InvalidateAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _invalidations);
        if (refreshes) Token += "-refreshed";
        return ValueTask.FromResult(refreshes);
    }
}
