using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ZeroDowntime.LocalCluster.Networking.Policy;

/// <summary>An IPv4 or IPv6 CIDR block (<c>10.0.0.0/8</c>, <c>127.0.0.1/32</c>) of a NetworkPolicy <c>ipBlock</c>.</summary>
internal sealed class CidrBlock
{
    private readonly byte[] _network;
    private readonly int _prefix;

    private CidrBlock(byte[] network, int prefix, string text)
    {
        _network = network;
        _prefix = prefix;
        Text = text;
    }

    /// <summary>The block as written.</summary>
    public string Text { get; }

    /// <summary>Parses <c>address/prefix</c>; null when it is not a CIDR.</summary>
    public static CidrBlock? TryParse(string? text)
    {
        var slash = text?.IndexOf('/') ?? -1;
        if (text is null || slash < 0 || !IPAddress.TryParse(text[..slash], out var address)
            || !int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var prefix))
        {
            return null;
        }

        var bytes = address.GetAddressBytes();
        return prefix > bytes.Length * 8 ? null : new CidrBlock(bytes, prefix, text);
    }

    /// <summary>True when <paramref name="address"/> is inside the block (an IPv4-mapped IPv6 address counts as IPv4).</summary>
    public bool Contains(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6 && _network.Length == 4)
        {
            address = address.MapToIPv4();
        }

        var bytes = address.GetAddressBytes();
        if (bytes.Length != _network.Length)
        {
            return false;
        }

        for (var bit = 0; bit < _prefix; bit++)
        {
            var mask = (byte)(0x80 >> (bit % 8));
            if ((bytes[bit / 8] & mask) != (_network[bit / 8] & mask))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override string ToString() => Text;

    /// <summary>The address family of the block.</summary>
    public AddressFamily Family => _network.Length == 4 ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6;
}
