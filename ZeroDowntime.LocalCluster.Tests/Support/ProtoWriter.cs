using System.Text;

namespace ZeroDowntime.LocalCluster.Tests.Support;

/// <summary>Writes protobuf wire format, to build the bodies kubectl's typed clients send.</summary>
internal sealed class ProtoWriter
{
    private readonly MemoryStream _buffer = new();

    public ProtoWriter String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public ProtoWriter Int(int field, long value)
    {
        Tag(field, 0);
        Varint((ulong)value);
        return this;
    }

    public ProtoWriter Message(int field, ProtoWriter message) => Bytes(field, message.ToArray());

    public ProtoWriter Bytes(int field, byte[] value)
    {
        Tag(field, 2);
        Varint((ulong)value.Length);
        _buffer.Write(value);
        return this;
    }

    public byte[] ToArray() => _buffer.ToArray();

    /// <summary>The Kubernetes envelope: magic, then runtime.Unknown{typeMeta, raw}.</summary>
    public static byte[] KubernetesObject(string apiVersion, string kind, ProtoWriter obj)
    {
        var unknown = new ProtoWriter()
            .Message(1, new ProtoWriter().String(1, apiVersion).String(2, kind))
            .Bytes(2, obj.ToArray())
            .String(3, "")
            .String(4, "");
        return [0x6b, 0x38, 0x73, 0x00, .. unknown.ToArray()];
    }

    private void Tag(int field, int wireType) => Varint((ulong)((field << 3) | wireType));

    private void Varint(ulong value)
    {
        while (value >= 0x80)
        {
            _buffer.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        _buffer.WriteByte((byte)value);
    }
}
