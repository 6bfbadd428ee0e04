using System.Text.Json.Nodes;

namespace ZeroDowntime.LocalCluster.Http.Tables;

/// <summary>One Table column: its definition and how to compute its cell.</summary>
internal sealed record TableColumn(string Name, string Type, string Description, int Priority, Func<JsonObject, DateTimeOffset, JsonNode?> Cell)
{
    public string Format => Name == "Name" ? "name" : "";

    public JsonObject Definition() => new()
    {
        ["name"] = Name,
        ["type"] = Type,
        ["format"] = Format,
        ["description"] = Description,
        ["priority"] = Priority,
    };
}
