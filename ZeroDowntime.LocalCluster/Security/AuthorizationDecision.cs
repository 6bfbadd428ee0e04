namespace ZeroDowntime.LocalCluster.Security;

/// <summary>The authorizer's answer.</summary>
/// <param name="Allowed">Some rule allowed the request (or the user is an administrator).</param>
/// <param name="Reason">For a denial: the authorizer's reason (e.g. a binding names a missing role), usually null.</param>
/// <param name="Rule">The rule that allowed it; null for administrators and denials.</param>
public sealed record AuthorizationDecision(bool Allowed, string? Reason, PolicyRule? Rule);
