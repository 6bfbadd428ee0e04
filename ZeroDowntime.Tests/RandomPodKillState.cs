using ZeroDowntime.Fixtures.Chaos;
using ZeroDowntime.Fixtures.Scenarios;

namespace ZeroDowntime.Tests;

/// <summary>What the RandomPodKill steps hand to each other.</summary>
public sealed class RandomPodKillState : DisruptionState
{
    /// <summary>The seed of this run's picks.</summary>
    public ChaosSeed? Seed { get; set; }

    /// <summary>The rounds run so far.</summary>
    public List<PodKillRound> Rounds { get; } = [];

    /// <summary>The rounds, or a clear error when the kill step did not run.</summary>
    public IReadOnlyList<PodKillRound> RequireRounds() =>
        Rounds.Count > 0 ? Rounds : throw new InvalidOperationException("No pods were killed: the kill step did not run.");
}
