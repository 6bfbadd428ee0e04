using System.Globalization;
using k8s.Models;

namespace ZeroDowntime.LocalCluster.Networking.Policy;

/// <summary>One <c>ports</c> entry: a protocol and a port (number, range with <c>endPort</c>, or a named container port of the destination).</summary>
internal sealed record CompiledPort(string Protocol, int? Number, int? EndPort, string? Name)
{
    public static CompiledPort From(V1NetworkPolicyPort port)
    {
        var value = port.Port?.Value;
        int? number = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
        return new CompiledPort(port.Protocol ?? "TCP", number, port.EndPort, number is null ? value : null);
    }

    /// <summary>True when a TCP connection to <paramref name="port"/> of <paramref name="destination"/> (null: not a pod) is covered.</summary>
    public bool Matches(int port, PolicyPod? destination)
    {
        if (!string.Equals(Protocol, "TCP", StringComparison.OrdinalIgnoreCase))
        {
            return false; // every proxied connection here is TCP
        }

        if (Name is not null)
        {
            return destination?.NamedPorts.TryGetValue(Name, out var named) == true && named == port;
        }

        return Number is not { } first || (EndPort is { } last ? port >= first && port <= last : port == first);
    }
}
