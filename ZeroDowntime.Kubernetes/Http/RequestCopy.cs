using System.Net.Http.Headers;

namespace ZeroDowntime.Kubernetes.Http;

/// <summary>
/// A request can be sent once; a retry sends a copy. The body is read once and shared by every copy.
/// </summary>
internal sealed class RequestCopy
{
    private readonly HttpRequestMessage _original;
    private readonly byte[]? _body;
    private readonly HttpContentHeaders? _contentHeaders;

    private RequestCopy(HttpRequestMessage original, byte[]? body)
    {
        _original = original;
        _body = body;
        _contentHeaders = original.Content?.Headers;
    }

    public static async Task<RequestCopy> CaptureAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return new RequestCopy(request, body);
    }

    /// <summary>A fresh message equal to the original (headers, version, options, body).</summary>
    public HttpRequestMessage Create()
    {
        var copy = new HttpRequestMessage(_original.Method, _original.RequestUri)
        {
            Version = _original.Version,
            VersionPolicy = _original.VersionPolicy,
        };
        foreach (var (name, values) in _original.Headers)
        {
            copy.Headers.TryAddWithoutValidation(name, values);
        }

        foreach (var (key, value) in _original.Options)
        {
            ((IDictionary<string, object?>)copy.Options)[key] = value;
        }

        if (_body is not null)
        {
            copy.Content = new ByteArrayContent(_body);
            foreach (var (name, values) in _contentHeaders!)
            {
                copy.Content.Headers.TryAddWithoutValidation(name, values);
            }
        }

        return copy;
    }
}
