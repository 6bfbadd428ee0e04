using System.Text.Encodings.Web;
using System.Text.Json;

namespace ZeroDowntime.LocalCluster.Storage;

/// <summary>Serializer settings for everything the cluster writes: compact, with only the escaping JSON requires (as Go's encoder).</summary>
internal static class JsonDefaults
{
    public static JsonSerializerOptions Options { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
