using System.Text.Json;

namespace ZeroDowntime.MockVllm.Membership;

/// <summary>Ray's JSON uses snake_case everywhere; so do our membership messages and the Redis snapshot.</summary>
internal static class MembershipJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };
}
