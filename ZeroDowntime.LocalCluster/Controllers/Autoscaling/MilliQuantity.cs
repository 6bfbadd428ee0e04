using k8s.Models;

namespace ZeroDowntime.LocalCluster.Controllers.Autoscaling;

/// <summary>Resource quantities in milli-units, the scale the HPA works in (parsing is the library's <see cref="ResourceQuantity"/>).</summary>
/// <example><code>
/// MilliQuantity.Of("250m"); // 250
/// MilliQuantity.Format(1500); // "1500m"
/// </code></example>
public static class MilliQuantity
{
    /// <summary>The quantity in milli-units (<c>250m</c> → 250, <c>1</c> → 1000); throws <see cref="FormatException"/> on bad input.</summary>
    public static double Of(ResourceQuantity quantity) => quantity.ToDouble() * 1000;

    /// <summary>Formats milli-units, rounded to a whole milli-unit, in the API's canonical form (<c>250m</c>, <c>2</c>, <c>2k</c>).</summary>
    public static string Format(double milli) =>
        new ResourceQuantity((decimal)Math.Round(milli), -3, ResourceQuantity.SuffixFormat.DecimalSI).CanonicalizeString();
}
