using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace ZeroDowntime.Kubernetes.Legacy;

// Pod logs: a snapshot, or a follow stream as lines.
public sealed partial class KubernetesClient
{
    /// <summary>Reads a pod's log as it is now.</summary>
    public async Task<string> GetPodLogsAsync(string podName, string? @namespace = null, PodLogOptions? options = null, CancellationToken cancellationToken = default)
    {
        var request = LogRequest(podName, @namespace, options, follow: false);
        var (code, body) = await SendForBodyAsync(request, cancellationToken).ConfigureAwait(false);
        if ((int)code >= 400) throw CreateApiException(request, code, body);
        return Encoding.UTF8.GetString(body);
    }

    /// <summary>
    /// Follows a pod's log (<c>follow=true</c>) and yields it line by line until the container stops, the
    /// server closes the stream or <paramref name="cancellationToken"/> is cancelled. Only connecting is
    /// subject to <see cref="KubernetesClientOptions.RequestTimeout"/>.
    /// </summary>
    /// <example><code>
    /// await foreach (var line in client.FollowPodLogsAsync("k6-run-x7", "load", cancellationToken: ct))
    ///     if (line.Contains("http_req_failed")) summary.Add(line);
    /// </code></example>
    public async IAsyncEnumerable<string> FollowPodLogsAsync(string podName, string? @namespace = null, PodLogOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var request = LogRequest(podName, @namespace, options, follow: true);
        using var response = await SendAsync(request, streaming: true, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw CreateApiException(request, response.StatusCode, await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false));
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            yield return line;
    }

    private ApiRequest LogRequest(string podName, string? @namespace, PodLogOptions? options, bool follow)
    {
        options ??= new PodLogOptions();
        var query = new QueryString()
            .Add("container", options.Container)
            .Add("follow", follow)
            .Add("sinceTime", options.SinceTime?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))
            .Add("sinceSeconds", options.SinceSeconds)
            .Add("tailLines", options.TailLines)
            .Add("timestamps", options.Timestamps)
            .Add("previous", options.Previous);
        return new ApiRequest(HttpMethod.Get, ItemPath<Models.Pod>(NamespaceOrDefault(@namespace), podName) + "/log", query.ToString(), Accept: "*/*");
    }
}
