using System.Text.Json;

namespace ZeroDowntime.MockVllm.Tests.Infrastructure;

/// <summary>Reads Ray's <c>/api/v0/nodes</c> envelope: data.result.result[].</summary>
internal static class RayNodes
{
    public static IReadOnlyList<JsonElement> Items(JsonElement envelope) =>
        envelope.GetProperty("data").GetProperty("result").GetProperty("result").EnumerateArray().ToList();

    public static string? StateOf(JsonElement envelope, string nodeName) =>
        Items(envelope).FirstOrDefault(n => n.GetProperty("node_name").GetString() == nodeName) is { ValueKind: JsonValueKind.Object } node
            ? node.GetProperty("state").GetString()
            : null;

    public static string Describe(JsonElement envelope) =>
        string.Join(", ", Items(envelope).Select(n => $"{n.GetProperty("node_name").GetString()}={n.GetProperty("state").GetString()}"));
}
