namespace ZeroDowntime.Kubernetes.Legacy;

/// <summary>
/// One logical call, rebuilt into a fresh <see cref="HttpRequestMessage"/> per attempt.
/// <paramref name="Retryable"/> is false for calls that must not be repeated (create, evict, proxy).
/// </summary>
internal sealed record ApiRequest(
    HttpMethod Method,
    string Path,
    string Query = "",
    byte[]? Body = null,
    string? ContentType = null,
    bool Retryable = true,
    string Accept = "application/json")
{
    public static ApiRequest Get(string path, string query = "") => new(HttpMethod.Get, path, query);

    /// <summary>How the call appears in messages and logs: method and path, never headers or bodies.</summary>
    public string Display => $"{Method.Method} {Path}";
}
