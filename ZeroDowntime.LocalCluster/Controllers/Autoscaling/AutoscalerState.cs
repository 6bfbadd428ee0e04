namespace ZeroDowntime.LocalCluster.Controllers.Autoscaling;

/// <summary>What the controller remembers of one HPA between syncs: which object it is, when it is next due, and its <see cref="ReplicaNormalizer"/>.</summary>
internal sealed class AutoscalerState(string uid)
{
    public string Uid { get; } = uid;

    public DateTimeOffset? NextSync { get; set; }

    public ReplicaNormalizer Normalizer { get; } = new();
}
