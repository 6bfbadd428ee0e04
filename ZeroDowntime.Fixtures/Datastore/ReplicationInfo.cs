using System.Globalization;

namespace ZeroDowntime.Fixtures.Datastore;

/// <summary>A Redis server's <c>INFO replication</c>: its role, and its replicas (on a primary) or its link to the primary (on a replica).</summary>
/// <param name="Role"><c>master</c> or <c>slave</c>, as Redis says it.</param>
/// <param name="Replicas">On a primary: each connected replica's announced address and state (<c>online</c> once synced).</param>
/// <param name="PrimaryAddress">On a replica: the primary it follows (host:port).</param>
/// <param name="LinkUp">On a replica: <c>master_link_status:up</c>.</param>
public sealed record ReplicationInfo(string Role, IReadOnlyList<ReplicaLink> Replicas, string? PrimaryAddress, bool LinkUp)
{
    /// <summary>True on a primary.</summary>
    public bool IsPrimary => Role == "master";

    /// <summary>Replicas in state <c>online</c>.</summary>
    public IReadOnlyList<ReplicaLink> OnlineReplicas => Replicas.Where(r => r.State == "online").ToList();

    /// <summary>Parses the text of <c>INFO replication</c>.</summary>
    public static ReplicationInfo Parse(string info)
    {
        ArgumentNullException.ThrowIfNull(info);
        var fields = info.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Contains(':', StringComparison.Ordinal) && !l.StartsWith('#'))
            .Select(l => l.Split(':', 2)).GroupBy(p => p[0]).ToDictionary(g => g.Key, g => g.First()[1], StringComparer.Ordinal);
        var replicas = fields.Where(f => f.Key.StartsWith("slave", StringComparison.Ordinal) && f.Key.Length > 5 && char.IsDigit(f.Key[5]))
            .OrderBy(f => int.Parse(f.Key.AsSpan(5), CultureInfo.InvariantCulture))
            .Select(f => ReplicaLink.Parse(f.Value)).ToList();
        var primary = fields.TryGetValue("master_host", out var host) && fields.TryGetValue("master_port", out var port) ? $"{host}:{port}" : null;
        return new ReplicationInfo(fields.GetValueOrDefault("role") ?? "unknown", replicas, primary, fields.GetValueOrDefault("master_link_status") == "up");
    }

    /// <inheritdoc />
    public override string ToString() => IsPrimary
        ? $"primary with {OnlineReplicas.Count} online replica(s){(Replicas.Count == 0 ? "" : ": " + string.Join(", ", Replicas))}"
        : $"{Role} of {PrimaryAddress ?? "nothing"} (link {(LinkUp ? "up" : "down")})";
}
