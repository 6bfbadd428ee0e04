using System.Net;
using System.Text;
using System.Text.Json;
using ZeroDowntime.Kubernetes.Legacy.Models;

namespace ZeroDowntime.Kubernetes.Legacy;

// Turning responses into objects or into KubernetesApiException.
public sealed partial class KubernetesClient
{
    private const int MaxBodyInMessage = 300;

    private async Task<T> SendForObjectAsync<T>(ApiRequest request, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(request, streaming: false, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode) throw CreateApiException(request, response.StatusCode, body);
        return KubeJson.Deserialize<T>(body);
    }

    private async Task<(HttpStatusCode Code, byte[] Body)> SendForBodyAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(request, streaming: false, cancellationToken).ConfigureAwait(false);
        return (response.StatusCode, await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false));
    }

    private static KubernetesApiException CreateApiException(ApiRequest request, HttpStatusCode code, byte[] body) =>
        new(request.Method.Method, request.Path, ReadStatus(code, body));

    /// <summary>The server's Status from the body, or one synthesised from the HTTP status when the body is something else.</summary>
    internal static Status ReadStatus(HttpStatusCode code, byte[] body)
    {
        try
        {
            var status = KubeJson.Deserialize<Status>(body);
            if (status.Kind == "Status" && (status.Code != 0 || status.Message is not null))
                return status.Code == 0 ? status with { Code = (int)code } : status;
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page, an empty body): describe it from the HTTP status below.
        }
        var text = Encoding.UTF8.GetString(body).Trim();
        if (text.Length > MaxBodyInMessage) text = text[..MaxBodyInMessage] + "...";
        return new Status { Outcome = (int)code < 400 ? "Success" : "Failure", Code = (int)code, Reason = code.ToString(), Message = text.Length == 0 ? null : text };
    }

    private static byte[] Json<T>(T value) => KubeJson.SerializeToUtf8Bytes(value);
}
