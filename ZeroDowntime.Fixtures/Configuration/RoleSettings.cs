namespace ZeroDowntime.Fixtures.Configuration;

/// <summary>
/// One role of the target (head, workers, Redis): how to find its pods, how many there must be,
/// how many must stay Ready during a disruption, and the PodDisruptionBudget that protects it.
/// </summary>
public sealed class RoleSettings
{
    /// <summary>The role's display name in messages and reports, e.g. <c>worker</c>.</summary>
    [Setting("NAME", "Display name of the role in messages and reports.")]
    public string Name { get; init; } = "";

    /// <summary>The label selector that matches exactly this role's pods.</summary>
    [Setting("SELECTOR", "Label selector matching this role's pods.", Format = SettingFormat.LabelSelector)]
    public string Selector { get; init; } = "";

    /// <summary>How many Ready pods the role has when healthy.</summary>
    [Setting("EXPECTED_COUNT", "Ready pods expected when the target is healthy (pre- and post-validation).", Minimum = 1)]
    public int ExpectedCount { get; init; }

    /// <summary>The fewest Ready pods allowed at any moment while this role is disrupted.</summary>
    [Setting("MIN_READY_DURING_DISRUPTION", "Fewest Ready pods allowed at any moment of a disruption of this role.", Minimum = 0)]
    public int MinReadyDuringDisruption { get; init; }

    /// <summary>The minAvailable the role's PodDisruptionBudget must have; null when no budget is expected.</summary>
    [Setting("PDB_MIN_AVAILABLE", "minAvailable the role's PodDisruptionBudget must have (none: no budget expected).", Minimum = 0)]
    public int? PdbMinAvailable { get; init; }

    /// <summary>The budget's name; null means "the budget whose selector matches this role's pods".</summary>
    [Setting("PDB_NAME", "Name of the role's PodDisruptionBudget; unset: the budget whose selector matches the role's pods.",
        Format = SettingFormat.DnsSubdomain)]
    public string? PdbName { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Selector}, {ExpectedCount} expected)";
}
