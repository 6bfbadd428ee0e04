namespace ZeroDowntime.Benchmarks;

/// <summary>One run of a comparison: the measured side, the reference side, and a free-form detail.</summary>
/// <param name="Measured">The figure for what we built (e.g. built-in attempts/s).</param>
/// <param name="Reference">The figure it is compared with (e.g. wrk's requests/s).</param>
/// <param name="Detail">Extra figures for this run (CPU per request, percentiles), shown for the median run.</param>
public sealed record Measurement(double Measured, double Reference, string Detail = "")
{
    /// <summary>Measured / reference.</summary>
    public double Ratio => Reference == 0 ? double.NaN : Measured / Reference;
}
