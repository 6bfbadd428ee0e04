namespace ZeroDowntime.Fixtures.Chaos;

/// <summary>
/// Picks <c>count</c> of the candidates with a seeded generator. The choice depends only on the seed,
/// the round and the candidate names sorted ordinally (never on list order, time or the .NET version:
/// the generator is SplitMix64, written out here), so the same seed over the same pods picks the same
/// pods, and over pods named differently it picks the same positions in name order.
/// </summary>
public static class SeededPicker
{
    /// <summary>The picked names, in the order they were drawn; all candidates (shuffled) when there are fewer than <paramref name="count"/>.</summary>
    /// <example><code>
    /// var victims = SeededPicker.Pick(seed: 42, round: 1, ["ray-worker-a", "ray-worker-b", "ray-worker-c"], 2);
    /// </code></example>
    public static IReadOnlyList<string> Pick(int seed, int round, IEnumerable<string> candidates, int count)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var pool = candidates.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var state = unchecked(((ulong)(uint)seed << 32) ^ (ulong)(uint)round ^ 0x5EED_C4A0_5EED_C4A0UL);
        var take = Math.Min(count, pool.Count);

        // A partial Fisher-Yates shuffle: draw position i from the positions not drawn yet.
        for (var i = 0; i < take; i++)
        {
            var j = i + (int)(Next(ref state) % (ulong)(pool.Count - i));
            (pool[i], pool[j]) = (pool[j], pool[i]);
        }

        return pool.Take(take).ToList();
    }

    // SplitMix64 (Steele, Lea, Flood 2014): small, fast, and the same on every platform.
    private static ulong Next(ref ulong state)
    {
        unchecked
        {
            var z = state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
