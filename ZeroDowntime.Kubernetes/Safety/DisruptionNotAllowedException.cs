namespace ZeroDowntime.Kubernetes.Safety;

/// <summary>
/// Thrown by <see cref="DisruptionGate.EnsureOpen"/> and <see cref="DisruptionGuardHandler"/>
/// when a disruptive step is attempted on a cluster where disruption is not allowed. Nothing was
/// sent to the API server.
/// </summary>
public sealed class DisruptionNotAllowedException : InvalidOperationException
{
    /// <summary>Creates the exception; <paramref name="message"/> is the full, user-facing sentence.</summary>
    public DisruptionNotAllowedException(string message, string contextName, string operation)
        : base(message)
    {
        ContextName = contextName;
        Operation = operation;
    }

    /// <summary>The kubeconfig context the suite is connected to.</summary>
    public string ContextName { get; }

    /// <summary>What was refused, e.g. <c>DELETE pod default/ray-worker-abc</c>.</summary>
    public string Operation { get; }
}
