using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace ZeroDowntime.Fixtures.Probes;

/// <summary>
/// The request every probe and load attempt sends, and how its response is judged. The target
/// configuration builds it; the k6 script receives the same values through its environment.
/// </summary>
/// <example>
/// <code>
/// var request = InferenceRequest.Completion(new Uri("http://127.0.0.1:8000/VLLMDeployment"));
/// var probe = new AvailabilityProbe(request);
/// </code>
/// </example>
public sealed record InferenceRequest
{
    /// <summary>The seed's prompt.</summary>
    public const string DefaultPrompt = "What is the capital of France?";

    /// <summary>Where to send it.</summary>
    public required Uri Uri { get; init; }

    /// <summary>The HTTP method; POST by default.</summary>
    public HttpMethod Method { get; init; } = HttpMethod.Post;

    /// <summary>The JSON body, or null for none.</summary>
    public string? JsonBody { get; init; }

    /// <summary>Extra request headers (may carry credentials: they are never logged or printed).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>How a response is judged; <see cref="ResponseCheck.GeneratedText"/> by default.</summary>
    public ResponseCheck Check { get; init; } = ResponseCheck.GeneratedText;

    /// <summary>A vLLM completion request as the seed sends it: <c>{"prompt", "max_tokens", "temperature"}</c>.</summary>
    public static InferenceRequest Completion(Uri uri, string prompt = DefaultPrompt, int maxTokens = 50, double temperature = 0.7) => new()
    {
        Uri = uri,
        JsonBody = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["prompt"] = prompt,
            ["max_tokens"] = maxTokens,
            ["temperature"] = temperature,
        }),
    };

    /// <summary>Method and address only: headers and body can hold secrets.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Method} {Uri}");

    internal HttpRequestMessage CreateMessage(bool closeConnection)
    {
        var message = new HttpRequestMessage(Method, Uri);
        if (JsonBody is not null)
        {
            message.Content = new StringContent(JsonBody, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        }

        foreach (var (name, value) in Headers)
        {
            if (!message.Headers.TryAddWithoutValidation(name, value))
            {
                message.Content?.Headers.TryAddWithoutValidation(name, value);
            }
        }

        message.Headers.ConnectionClose = closeConnection;
        return message;
    }
}
