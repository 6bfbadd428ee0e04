using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;

namespace ZeroDowntime.Kubernetes.Config;

/// <summary>
/// Credentials from a client-go exec plugin (<c>aws eks get-token</c>, <c>gke-gcloud-auth-plugin</c>,
/// <c>kubelogin</c>...). The plugin runs on first use; its credential is cached until
/// <c>status.expirationTimestamp</c> minus a small skew (forever if it has none); a 401 drops the
/// cache so the next request runs the plugin again. Concurrent requests share one run.
/// </summary>
internal sealed partial class ExecCredentialProvider : ICredentialProvider, IClientCertificateSource
{
    // Refresh a little early so a token does not expire between ApplyAsync and the server reading it.
    internal static readonly TimeSpan ExpirySkew = TimeSpan.FromSeconds(10);

    private readonly ExecPluginSettings _settings;
    private readonly IReadOnlyDictionary<string, string> _inheritedEnvironment;
    private readonly TimeProvider _time;
    private readonly TimeSpan _timeout;
    private readonly SemaphoreSlim _runLock = new(1, 1);
    private ExecCredential? _cached;

    public ExecCredentialProvider(ExecPluginSettings settings, KubeConfigEnvironment environment)
    {
        _settings = settings;
        _inheritedEnvironment = environment.Variables;
        _time = environment.Time;
        _timeout = environment.ExecPluginTimeout;
    }

    public async ValueTask ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var credential = await GetAsync(cancellationToken).ConfigureAwait(false);
        if (credential.Token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credential.Token);
        }
    }

    public ValueTask<bool> InvalidateAsync(CancellationToken cancellationToken)
    {
        Volatile.Write(ref _cached, null);
        return ValueTask.FromResult(true);
    }

    // ApplyAsync has just refreshed the credential for this request; running the plugin again here
    // would double the runs (and loop for a plugin whose credential arrives already expired).
    public async ValueTask<X509Certificate2?> GetClientCertificateAsync(CancellationToken cancellationToken) =>
        Volatile.Read(ref _cached) is { } current
            ? current.ClientCertificate
            : (await GetAsync(cancellationToken).ConfigureAwait(false)).ClientCertificate;

    public override string ToString() => _settings.ToString();

    private async ValueTask<ExecCredential> GetAsync(CancellationToken cancellationToken)
    {
        if (Fresh(Volatile.Read(ref _cached)) is { } cached)
        {
            return cached;
        }

        await _runLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Fresh(_cached) is { } ranMeanwhile)
            {
                return ranMeanwhile;
            }

            var credential = await RunPluginAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _cached, credential);
            return credential;
        }
        finally
        {
            _runLock.Release();
        }
    }

    private ExecCredential? Fresh(ExecCredential? credential) =>
        credential is not null && (credential.ExpiresAt is null || _time.GetUtcNow() < credential.ExpiresAt.Value - ExpirySkew)
            ? credential
            : null;
}
