namespace ZeroDowntime.Fixtures.Configuration;

/// <summary>Checks between settings: each value is fine alone but the combination is not.</summary>
internal sealed partial class SettingsLoader
{
    private void CheckConsistency(ZeroDowntimeSettings settings)
    {
        CheckRealClusterSettingsWithoutClusterMode(settings);
        CheckRole(settings.Target.Head, "ZD_TARGET__HEAD__");
        CheckRole(settings.Target.Workers, "ZD_TARGET__WORKERS__");
        CheckRole(settings.Target.Redis, "ZD_TARGET__REDIS__");
    }

    // Someone who names a context but forgot ZD_CLUSTER would silently test the embedded cluster.
    private void CheckRealClusterSettingsWithoutClusterMode(ZeroDowntimeSettings settings)
    {
        if (IsSet("ZD_CLUSTER"))
        {
            return;
        }

        var advice = "so the suite would use the embedded local cluster: set ZD_CLUSTER=kubeconfig to use it, or ZD_CLUSTER=local to ignore it.";
        if (settings.Context is { } context)
        {
            problems.Add($"ZD_CONTEXT is '{context}', but ZD_CLUSTER is not set, {advice}");
        }

        if (settings.Kubeconfig is { } kubeconfig)
        {
            problems.Add($"ZD_KUBECONFIG is '{kubeconfig}', but ZD_CLUSTER is not set, {advice}");
        }

        if (settings.AllowDisruption is not null)
        {
            problems.Add($"ZD_ALLOW_DISRUPTION is set, but ZD_CLUSTER is not set, {advice}");
        }
    }

    private void CheckRole(RoleSettings role, string prefix)
    {
        var expectedVariable = prefix + "EXPECTED_COUNT";
        if (invalid.Contains(SettingsCatalog.Get(expectedVariable)))
        {
            return;
        }

        CheckAtMostExpected(role.MinReadyDuringDisruption, prefix + "MIN_READY_DURING_DISRUPTION", role.ExpectedCount, expectedVariable);
        if (role.PdbMinAvailable is { } minAvailable)
        {
            CheckAtMostExpected(minAvailable, prefix + "PDB_MIN_AVAILABLE", role.ExpectedCount, expectedVariable);
        }
    }

    private void CheckAtMostExpected(int value, string variable, int expected, string expectedVariable)
    {
        if (!invalid.Contains(SettingsCatalog.Get(variable)) && value > expected)
        {
            problems.Add($"{variable} is '{value}', but it must be at most {expectedVariable} ({expected}).");
        }
    }
}
