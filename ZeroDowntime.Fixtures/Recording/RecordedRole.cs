using ZeroDowntime.Fixtures.Configuration;

namespace ZeroDowntime.Fixtures.Recording;

/// <summary>A role to record: its name (the <see cref="Measurement.ClusterEvent.Role"/>) and the label selector of its pods.</summary>
/// <param name="Name">E.g. <c>worker</c>.</param>
/// <param name="Selector">E.g. <c>ray.io/node-type=worker</c>.</param>
public sealed record RecordedRole(string Name, string Selector)
{
    /// <summary>The role as configured (<c>ZD_TARGET__*__NAME</c> / <c>__SELECTOR</c>).</summary>
    public static RecordedRole From(RoleSettings role)
    {
        ArgumentNullException.ThrowIfNull(role);
        return new RecordedRole(role.Name, role.Selector);
    }
}
