using System.Text.Json.Nodes;

namespace ZeroDowntime.LocalCluster.Storage;

/// <summary>
/// Converts a resource between its storage version and another version the API serves, as the API
/// server converts through its internal version: objects are stored once and converted on every read
/// and write in the other version. Both directions return a new object and leave their input alone.
/// </summary>
public interface IVersionConverter
{
    /// <summary>The stored object as the served version sees it.</summary>
    JsonObject FromStorage(JsonObject stored);

    /// <summary>An object sent in the served version, as it is stored.</summary>
    JsonObject ToStorage(JsonObject served);
}
