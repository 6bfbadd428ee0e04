using System.Globalization;

namespace ZeroDowntime.Fixtures.Datastore;

/// <summary>One replica as its primary lists it: <c>slave0:ip=127.10.0.5,port=6379,state=online,offset=123,lag=0</c>.</summary>
/// <param name="Address">The announced host:port.</param>
/// <param name="State"><c>online</c>, <c>wait_bgsave</c>, <c>send_bulk</c>...</param>
/// <param name="Offset">The replication offset it acknowledged.</param>
public sealed record ReplicaLink(string Address, string State, long Offset)
{
    /// <summary>Parses the value after <c>slaveN:</c>.</summary>
    public static ReplicaLink Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var parts = value.Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        return new ReplicaLink($"{parts.GetValueOrDefault("ip")}:{parts.GetValueOrDefault("port")}", parts.GetValueOrDefault("state") ?? "unknown",
            long.TryParse(parts.GetValueOrDefault("offset"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var offset) ? offset : 0);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Address} {State}";
}
