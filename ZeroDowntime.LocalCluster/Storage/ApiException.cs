using System.Text.Json.Nodes;

namespace ZeroDowntime.LocalCluster.Storage;

/// <summary>
/// A failed API call carrying the Kubernetes <c>Status</c> the server answers with. Thrown by the
/// store and the in-process API; the HTTP layer turns it into the response body.
/// </summary>
public sealed class ApiException : Exception
{
    /// <summary>Creates an error with HTTP <paramref name="code"/>, machine <paramref name="reason"/> and human message.</summary>
    public ApiException(int code, string reason, string message, JsonObject? details = null)
        : base(message)
    {
        Code = code;
        Reason = reason;
        Details = details;
    }

    /// <summary>HTTP status code, e.g. 404.</summary>
    public int Code { get; }

    /// <summary>StatusReason, e.g. <c>NotFound</c>.</summary>
    public string Reason { get; }

    /// <summary>The Status details object (name, group, kind, causes), if any.</summary>
    public JsonObject? Details { get; }

    /// <summary>The Status object for this error.</summary>
    public JsonObject ToStatus() => new()
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Failure",
        ["message"] = Message,
        ["reason"] = Reason,
        ["details"] = Details?.DeepClone(),
        ["code"] = Code,
    };

    /// <summary>404 <c>pods "x" not found</c>.</summary>
    public static ApiException NotFound(ResourceType type, string name) =>
        new(404, "NotFound", $"{type.QualifiedName} \"{name}\" not found", DetailsFor(type, name));

    /// <summary>409 <c>pods "x" already exists</c>.</summary>
    public static ApiException AlreadyExists(ResourceType type, string name) =>
        new(409, "AlreadyExists", $"{type.QualifiedName} \"{name}\" already exists", DetailsFor(type, name));

    /// <summary>409 Conflict: the resourceVersion precondition failed.</summary>
    public static ApiException Conflict(ResourceType type, string name, string why) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {type.QualifiedName} \"{name}\": {why}", DetailsFor(type, name));

    /// <summary>409 Conflict for a stale resourceVersion on update.</summary>
    public static ApiException StaleResourceVersion(ResourceType type, string name) =>
        Conflict(type, name, "the object has been modified; please apply your changes to the latest version and try again");

    /// <summary>422 Invalid with one cause per field error.</summary>
    public static ApiException Invalid(ResourceType type, string name, params FieldError[] errors)
    {
        var causes = new JsonArray();
        foreach (var error in errors)
        {
            causes.Add(new JsonObject { ["reason"] = error.Reason, ["message"] = error.Message, ["field"] = error.Field });
        }

        var details = DetailsFor(type, name);
        details["kind"] = type.Kind;
        details["causes"] = causes;
        var summary = errors.Length == 1
            ? $"{errors[0].Field}: {errors[0].Message}"
            : "[" + string.Join(", ", errors.Select(e => $"{e.Field}: {e.Message}")) + "]";
        return new ApiException(422, "Invalid", $"{type.Kind} \"{name}\" is invalid: {summary}", details);
    }

    /// <summary>400 BadRequest.</summary>
    public static ApiException BadRequest(string message) => new(400, "BadRequest", message);

    /// <summary>410 Expired: the requested resourceVersion is older than the retained history.</summary>
    public static ApiException Expired(string message) => new(410, "Expired", message);

    /// <summary>405 MethodNotAllowed.</summary>
    public static ApiException MethodNotAllowed() =>
        new(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");

    /// <summary>415 UnsupportedMediaType for a patch or body type the server does not accept.</summary>
    public static ApiException UnsupportedMediaType(string contentType) =>
        new(415, "UnsupportedMediaType",
            $"the body of the request was in an unknown format ({contentType}) - accepted media types include: " +
            "application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json");

    private static JsonObject DetailsFor(ResourceType type, string name)
    {
        var details = new JsonObject { ["name"] = name };
        if (type.Group.Length > 0)
        {
            details["group"] = type.Group;
        }

        details["kind"] = type.Plural;
        return details;
    }
}

/// <summary>One field validation error (a StatusCause of a 422 Invalid).</summary>
/// <param name="Reason">Cause type, e.g. <c>FieldValueRequired</c>, <c>FieldValueInvalid</c>.</param>
/// <param name="Message">Human message, e.g. <c>Required value: name or generateName is required</c>.</param>
/// <param name="Field">JSON path of the field, e.g. <c>metadata.name</c>.</param>
public sealed record FieldError(string Reason, string Message, string Field);
