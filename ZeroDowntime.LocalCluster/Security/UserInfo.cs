namespace ZeroDowntime.LocalCluster.Security;

/// <summary>An authenticated user: name and groups, as a token review would report them.</summary>
/// <param name="Name">e.g. <c>system:serviceaccount:default:zerodowntime</c>.</param>
/// <param name="Groups">e.g. <c>system:serviceaccounts</c>, <c>system:authenticated</c>.</param>
public sealed record UserInfo(string Name, IReadOnlyList<string> Groups)
{
    /// <summary>The cluster administrator (the token <c>up</c> writes into its kubeconfig): never restricted.</summary>
    public static UserInfo Admin { get; } = new("system:admin", ["system:masters", "system:authenticated"]);

    /// <summary>Members of <c>system:masters</c> bypass authorization, as on a real API server.</summary>
    public bool IsAdmin => Groups.Contains("system:masters");

    /// <summary>The user a ServiceAccount's token authenticates as.</summary>
    public static UserInfo ServiceAccount(string ns, string name) =>
        new($"system:serviceaccount:{ns}:{name}", ["system:serviceaccounts", $"system:serviceaccounts:{ns}", "system:authenticated"]);
}
