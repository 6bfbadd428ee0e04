using System.Text.Json;

namespace ZeroDowntime.LocalCluster.Security;

/// <summary>One authorization decision.</summary>
/// <param name="Time">When it was made (UTC).</param>
/// <param name="User">The user's name.</param>
/// <param name="Request">What was asked.</param>
/// <param name="Allowed">The decision.</param>
public sealed record AccessLogEntry(DateTimeOffset Time, string User, RequestAttributes Request, bool Allowed)
{
    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
}
