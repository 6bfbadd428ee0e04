using System.Text.Json;
using ZeroDowntime.Fixtures.Measurement;

namespace ZeroDowntime.Fixtures.Probes;

/// <summary>
/// Decides whether a complete response counts as a success, and if not, whether the status or the
/// body was wrong. The default is DESIGN §5's: HTTP 200 and a non-empty <c>generated_text</c>.
/// </summary>
/// <example>
/// <code>
/// var check = ResponseCheck.ForStatus(200, body => body.Contains("ok"), "200 and ok");
/// var custom = ResponseCheck.Custom("2xx", (status, _) => status is >= 200 and &lt; 300);
/// </code>
/// </example>
public sealed class ResponseCheck
{
    private readonly int? _expectedStatus;
    private readonly Func<string, bool>? _body;
    private readonly Func<int, string, bool>? _predicate;

    private ResponseCheck(string description, int? expectedStatus, Func<string, bool>? body, Func<int, string, bool>? predicate)
    {
        Description = description;
        _expectedStatus = expectedStatus;
        _body = body;
        _predicate = predicate;
    }

    /// <summary>HTTP 200 and a JSON object whose <c>generated_text</c> is a non-empty string (the seed's check).</summary>
    public static ResponseCheck GeneratedText { get; } =
        new("status 200 and a non-empty generated_text", 200, HasGeneratedText, null);

    /// <summary>What the check requires, for reports and failure messages.</summary>
    public string Description { get; }

    /// <summary>A status check plus an optional body check: a wrong status is <see cref="AttemptErrorKind.HttpStatus"/>, a failed body check <see cref="AttemptErrorKind.BadBody"/>.</summary>
    public static ResponseCheck ForStatus(int expectedStatus, Func<string, bool>? body, string description) =>
        new(description, expectedStatus, body, null);

    /// <summary>Any predicate over (status, body). A failure is <see cref="AttemptErrorKind.BadBody"/> for a 2xx status, else <see cref="AttemptErrorKind.HttpStatus"/>.</summary>
    public static ResponseCheck Custom(string description, Func<int, string, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return new ResponseCheck(description, null, null, predicate);
    }

    /// <summary>True when <paramref name="body"/> is a JSON object with a non-empty string <c>generated_text</c>.</summary>
    public static bool HasGeneratedText(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("generated_text", out var text)
                && text.ValueKind == JsonValueKind.String
                && text.GetString()!.Length > 0;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Classifies a complete response: <see cref="AttemptErrorKind.None"/> when it passes.</summary>
    public AttemptErrorKind Evaluate(int status, string body)
    {
        if (_predicate is not null)
        {
            return _predicate(status, body) ? AttemptErrorKind.None
                : status is >= 200 and < 300 ? AttemptErrorKind.BadBody : AttemptErrorKind.HttpStatus;
        }

        if (status != _expectedStatus)
        {
            return AttemptErrorKind.HttpStatus;
        }

        return _body is null || _body(body) ? AttemptErrorKind.None : AttemptErrorKind.BadBody;
    }

    /// <inheritdoc />
    public override string ToString() => Description;
}
