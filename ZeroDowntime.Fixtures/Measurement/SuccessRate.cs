namespace ZeroDowntime.Fixtures.Measurement;

/// <summary>How many attempts there were and how many succeeded.</summary>
/// <param name="Attempts">Attempts counted.</param>
/// <param name="Successes">Of which succeeded.</param>
public readonly record struct SuccessRate(int Attempts, int Successes)
{
    /// <summary>Attempts that failed.</summary>
    public int Failures => Attempts - Successes;

    /// <summary>
    /// Successes / attempts in [0, 1]; <see cref="double.NaN"/> when there were no attempts, so
    /// that any threshold comparison fails: no evidence is not availability.
    /// </summary>
    public double Ratio => Attempts == 0 ? double.NaN : (double)Successes / Attempts;

    /// <inheritdoc />
    public override string ToString() =>
        Attempts == 0 ? "no attempts" : FormattableString.Invariant($"{Ratio * 100:0.00}% ({Successes}/{Attempts})");
}
