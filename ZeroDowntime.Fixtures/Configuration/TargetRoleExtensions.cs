namespace ZeroDowntime.Fixtures.Configuration;

/// <summary>Finds a role's settings by <see cref="TargetRole"/>.</summary>
public static class TargetRoleExtensions
{
    /// <summary>The settings of <paramref name="role"/>.</summary>
    public static RoleSettings RoleFor(this TargetSettings target, TargetRole role)
    {
        ArgumentNullException.ThrowIfNull(target);
        return role switch
        {
            TargetRole.Head => target.Head,
            TargetRole.Workers => target.Workers,
            TargetRole.Redis => target.Redis,
            _ => throw new ArgumentOutOfRangeException(nameof(role), role, "unknown role"),
        };
    }
}
