namespace ZeroDowntime.Fixtures.Chaos;

/// <summary>
/// How a partition's effect is seen from the system itself, not from the policy object: a NetworkPolicy
/// that the network plugin ignores changes nothing, and only the system's own view can say so.
/// </summary>
public interface IPartitionEvidence
{
    /// <summary>What a cut looks like, completing "Expected ..." (<c>the head to list every worker pod DEAD</c>).</summary>
    string CutExpectation { get; }

    /// <summary>What the restored link looks like (<c>every Ready worker pod ALIVE on the head</c>).</summary>
    string RestoredExpectation { get; }

    /// <summary>One look; <paramref name="since"/> is when the change being looked for began (the partition, or its removal).</summary>
    Task<PartitionLook> LookAsync(DateTimeOffset since, CancellationToken ct = default);
}
