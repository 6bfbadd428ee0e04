using System.Globalization;
using System.Text.RegularExpressions;

namespace ZeroDowntime.Fixtures.Autoscaling;

/// <summary>An Event about the HPA (its decisions: <c>SuccessfulRescale</c> "New size: 5; reason: ...", and its warnings).</summary>
/// <param name="Time">When the suite saw it (<c>MeasurementClock</c>).</param>
/// <param name="Type"><c>Normal</c> or <c>Warning</c>.</param>
/// <param name="Reason">The event's reason.</param>
/// <param name="Message">The event's message.</param>
public sealed partial record HpaEventRecord(DateTimeOffset Time, string Type, string Reason, string Message)
{
    /// <summary>The new size of a <c>SuccessfulRescale</c> ("New size: 5; ..."), else null.</summary>
    public int? NewSize => Reason == "SuccessfulRescale" && NewSizePattern().Match(Message) is { Success: true } match
        ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
        : null;

    [GeneratedRegex(@"^New size: (\d+);")]
    private static partial Regex NewSizePattern();
}
