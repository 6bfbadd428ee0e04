using System.Net.Http.Headers;

namespace ZeroDowntime.Kubernetes.Config;

/// <summary>
/// A bearer token read from a file (kubeconfig <c>tokenFile</c>, the in-cluster service-account
/// token). Like client-go it re-reads the file every minute, because projected service-account
/// tokens rotate; after a 401 it re-reads at once and asks for a retry only if the token changed.
/// If a re-read fails, the last token read successfully stays in use.
/// </summary>
internal sealed class TokenFileCredentialProvider : ICredentialProvider
{
    private static readonly TimeSpan RereadInterval = TimeSpan.FromMinutes(1);

    private readonly string _path;
    private readonly string _owner;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private string _token;
    private DateTimeOffset _readAt;

    /// <summary>Reads the file once now, so a missing or empty file fails while loading the kubeconfig.</summary>
    public TokenFileCredentialProvider(string path, string owner, TimeProvider time)
    {
        _path = path;
        _owner = owner;
        _time = time;
        _token = Read();
        _readAt = time.GetUtcNow();
    }

    public async ValueTask ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (_time.GetUtcNow() - _readAt >= RereadInterval)
        {
            await RereadAsync(cancellationToken).ConfigureAwait(false);
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Volatile.Read(ref _token));
    }

    public async ValueTask<bool> InvalidateAsync(CancellationToken cancellationToken)
    {
        var before = Volatile.Read(ref _token);
        await RereadAsync(cancellationToken).ConfigureAwait(false);
        return !string.Equals(before, Volatile.Read(ref _token), StringComparison.Ordinal);
    }

    public override string ToString() => $"token file {_path} for {_owner} (token not shown)";

    private async Task RereadAsync(CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            try
            {
                Volatile.Write(ref _token, Read());
            }
            catch (KubeConfigException)
            {
                // Keep the last good token: a rotation in progress must not break running requests.
            }

            _readAt = _time.GetUtcNow();
        }
        finally
        {
            _lock.Release();
        }
    }

    private string Read()
    {
        string text;
        try
        {
            text = File.ReadAllText(_path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new KubeConfigException($"The token file {_path} of {_owner} could not be read: {ex.Message.TrimEnd('.')}.");
        }

        var token = text.Trim();
        return token.Length > 0 ? token : throw new KubeConfigException($"The token file {_path} of {_owner} is empty.");
    }
}
