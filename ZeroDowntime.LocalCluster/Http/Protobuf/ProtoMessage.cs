using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace ZeroDowntime.LocalCluster.Http.Protobuf;

/// <summary>How one protobuf field maps to JSON.</summary>
internal enum ProtoKind
{
    /// <summary>A string.</summary>
    String,

    /// <summary>An integer (int32/int64, varint encoded).</summary>
    Integer,

    /// <summary>A boolean.</summary>
    Bool,

    /// <summary>A nested message.</summary>
    Message,

    /// <summary>A <c>map&lt;string, string&gt;</c>.</summary>
    StringMap,

    /// <summary>A meta/v1 Time (seconds, nanos), written as an RFC 3339 timestamp.</summary>
    Time,
}

/// <summary>One field of a <see cref="ProtoMessage"/>.</summary>
internal sealed record ProtoField(int Number, string Name, ProtoKind Kind, ProtoMessage? Message = null, bool Repeated = false);

/// <summary>
/// A protobuf message type of the Kubernetes API (as in its generated.proto) and its decoding to the
/// object's JSON form. Fields the descriptor does not list are skipped.
/// </summary>
internal sealed class ProtoMessage
{
    private readonly Dictionary<int, ProtoField> _fields;

    public ProtoMessage(params ProtoField[] fields) => _fields = fields.ToDictionary(f => f.Number);

    public JsonObject Decode(ReadOnlySpan<byte> bytes)
    {
        var obj = new JsonObject();
        var reader = new ProtoReader(bytes);
        while (!reader.AtEnd)
        {
            var (number, wireType) = reader.ReadTag();
            if (!_fields.TryGetValue(number, out var field))
            {
                reader.Skip(wireType);
                continue;
            }

            var value = ReadValue(ref reader, field, wireType);
            if (field.Kind == ProtoKind.StringMap)
            {
                var (key, entry) = ((string, string))value!;
                (obj[field.Name] ??= new JsonObject()).AsObject()[key] = entry;
            }
            else if (field.Repeated)
            {
                (obj[field.Name] ??= new JsonArray()).AsArray().Add(value);
            }
            else if (value is not (null or ""))
            {
                // Go encodes every non-pointer field, so an empty string (or a zero Time, read as null) means unset.
                obj[field.Name] = value switch
                {
                    JsonNode node => node,
                    string s => s,
                    long l => l,
                    bool b => b,
                    _ => null,
                };
            }
        }

        return obj;
    }

    private static object? ReadValue(ref ProtoReader reader, ProtoField field, int wireType)
    {
        switch (field.Kind)
        {
            case ProtoKind.String:
                return Encoding.UTF8.GetString(reader.ReadLengthDelimited());
            case ProtoKind.Integer:
                return (long)reader.ReadVarint();
            case ProtoKind.Bool:
                return reader.ReadVarint() != 0;
            case ProtoKind.Message:
                return field.Message!.Decode(reader.ReadLengthDelimited());
            case ProtoKind.StringMap:
                var entry = MapEntry.Decode(reader.ReadLengthDelimited());
                return (entry["key"]?.GetValue<string>() ?? "", entry["value"]?.GetValue<string>() ?? "");
            case ProtoKind.Time:
                var time = TimeMessage.Decode(reader.ReadLengthDelimited());
                var seconds = time["seconds"]?.GetValue<long>() ?? 0;
                if (seconds == 0 && (time["nanos"]?.GetValue<long>() ?? 0) == 0)
                {
                    return null;
                }

                return JsonValue.Create(DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            default:
                reader.Skip(wireType);
                return null;
        }
    }

    private static readonly ProtoMessage MapEntry = new(new ProtoField(1, "key", ProtoKind.String), new ProtoField(2, "value", ProtoKind.String));

    private static readonly ProtoMessage TimeMessage = new(new ProtoField(1, "seconds", ProtoKind.Integer), new ProtoField(2, "nanos", ProtoKind.Integer));
}
