using System.Globalization;
using System.Security.Cryptography;

namespace ZeroDowntime.Fixtures.Chaos;

/// <summary>
/// The seed of a run's random choices: <c>ZD_CHAOS_SEED</c> when set, else a new one. It is printed and
/// stored in summary.json, so a failing run is replayed with <c>ZD_CHAOS_SEED=&lt;seed&gt;</c>.
/// </summary>
/// <param name="Value">The seed.</param>
/// <param name="Generated">True when no seed was configured and this one was drawn for the run.</param>
public sealed record ChaosSeed(int Value, bool Generated)
{
    /// <summary>The configured seed, or a new one (1 to 2^31-1) when <paramref name="configured"/> is null.</summary>
    public static ChaosSeed Resolve(int? configured) =>
        configured is { } seed ? new ChaosSeed(seed, false) : new ChaosSeed(RandomNumberGenerator.GetInt32(1, int.MaxValue), true);

    /// <summary><c>123456 (from ZD_CHAOS_SEED)</c> or <c>123456 (generated; replay with ZD_CHAOS_SEED=123456)</c>.</summary>
    public override string ToString() => Generated
        ? string.Create(CultureInfo.InvariantCulture, $"{Value} (generated; replay with ZD_CHAOS_SEED={Value})")
        : string.Create(CultureInfo.InvariantCulture, $"{Value} (from ZD_CHAOS_SEED)");
}
