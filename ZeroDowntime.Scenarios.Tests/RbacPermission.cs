namespace ZeroDowntime.Scenarios.Tests;

/// <summary>One atomic grant of the RBAC manifest: a verb on a resource of a group, from one rule of one role.</summary>
/// <param name="Role">e.g. <c>Role zerodowntime</c>.</param>
/// <param name="Rule">The rule's index in the role's <c>rules</c>.</param>
/// <param name="Group">API group ("" for core).</param>
/// <param name="Resource">Resource, with subresource (<c>pods/eviction</c>), or a non-resource URL.</param>
/// <param name="Verb">The verb.</param>
public sealed record RbacPermission(string Role, int Rule, string Group, string Resource, string Verb)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{Verb} {Resource}{(Group.Length == 0 ? "" : "." + Group)} (rule {Rule + 1} of {Role})";
}
