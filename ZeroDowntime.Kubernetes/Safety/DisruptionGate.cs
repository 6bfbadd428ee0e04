namespace ZeroDowntime.Kubernetes.Safety;

/// <summary>
/// The one policy that decides whether disruptive steps may run against the connected cluster.
/// The embedded local cluster is always open. A kubeconfig cluster is open only when
/// <c>ZD_ALLOW_DISRUPTION</c> equals the current context name exactly (case and spaces count),
/// so the suite never disrupts a cluster by accident.
/// </summary>
/// <example>
/// <code>
/// var gate = DisruptionGate.ForContext(connection.ContextName, settings.AllowDisruption);
/// gate.EnsureOpen("delete a worker pod");   // a scenario's first step fails cleanly here
/// var handler = new DisruptionGuardHandler(gate); // and every request is checked again here
/// </code>
/// </example>
public sealed class DisruptionGate
{
    /// <summary>The environment variable that opens the gate on a kubeconfig cluster.</summary>
    public const string AllowDisruptionVariable = "ZD_ALLOW_DISRUPTION";

    private readonly string? allowDisruption;

    private DisruptionGate(string contextName, bool isEmbeddedCluster, string? allowDisruption)
    {
        ArgumentException.ThrowIfNullOrEmpty(contextName);
        ContextName = contextName;
        IsEmbeddedCluster = isEmbeddedCluster;
        this.allowDisruption = allowDisruption;
        IsOpen = isEmbeddedCluster || string.Equals(allowDisruption, contextName, StringComparison.Ordinal);
    }

    /// <summary>The context the suite is connected to.</summary>
    public string ContextName { get; }

    /// <summary>True for the embedded local cluster the suite started itself.</summary>
    public bool IsEmbeddedCluster { get; }

    /// <summary>True when disruptive requests may be sent.</summary>
    public bool IsOpen { get; }

    /// <summary>The gate for the embedded local cluster: always open, since the suite owns that cluster.</summary>
    public static DisruptionGate ForEmbeddedCluster(string contextName = "zd-local") =>
        new(contextName, isEmbeddedCluster: true, allowDisruption: null);

    /// <summary>
    /// The gate for a cluster reached through a kubeconfig context: open only when
    /// <paramref name="allowDisruption"/> (the value of <c>ZD_ALLOW_DISRUPTION</c>) equals
    /// <paramref name="contextName"/> exactly.
    /// </summary>
    public static DisruptionGate ForContext(string contextName, string? allowDisruption) =>
        new(contextName, isEmbeddedCluster: false, allowDisruption);

    /// <summary>
    /// Throws <see cref="DisruptionNotAllowedException"/> when the gate is closed. Scenarios call it
    /// in their first step, with a short description of what they are about to do.
    /// </summary>
    /// <param name="operation">What would be done, e.g. <c>delete a worker pod</c>.</param>
    public void EnsureOpen(string operation)
    {
        var refusal = ExplainRefusal(operation);
        if (refusal is not null)
        {
            throw new DisruptionNotAllowedException(refusal, ContextName, operation);
        }
    }

    /// <summary>The sentence explaining why <paramref name="operation"/> is refused, or null when the gate is open.</summary>
    public string? ExplainRefusal(string operation)
    {
        ArgumentException.ThrowIfNullOrEmpty(operation);
        if (IsOpen)
        {
            return null;
        }

        return $"Refusing to {operation} on context '{ContextName}': disruptive steps run only when " +
               $"{AllowDisruptionVariable} equals the context name ({DescribeAllowValue()}).";
    }

    /// <inheritdoc />
    public override string ToString() => IsEmbeddedCluster
        ? $"disruption allowed: embedded cluster (context '{ContextName}')"
        : IsOpen
            ? $"disruption allowed: {AllowDisruptionVariable} equals context '{ContextName}'"
            : $"disruption not allowed on context '{ContextName}' ({DescribeAllowValue()})";

    // The value itself is never echoed: only how it differs, which is what a user needs to fix it.
    private string DescribeAllowValue()
    {
        if (string.IsNullOrEmpty(allowDisruption))
        {
            return "it is not set";
        }

        if (string.Equals(allowDisruption, ContextName, StringComparison.Ordinal))
        {
            return "it matches";
        }

        if (string.Equals(allowDisruption.Trim(), ContextName, StringComparison.Ordinal))
        {
            return "it is set, but with leading or trailing spaces";
        }

        if (string.Equals(allowDisruption.Trim(), ContextName, StringComparison.OrdinalIgnoreCase))
        {
            return "it is set, but differs in letter case";
        }

        return "it is set to a different value";
    }
}
