namespace ZeroDowntime.Kubernetes.Config;

/// <summary>
/// A kubeconfig, in-cluster or credential problem, described in one sentence that names the file,
/// context, user or setting involved. Messages never contain tokens, keys or exec plugin output.
/// </summary>
public sealed class KubeConfigException : Exception
{
    /// <summary>Creates the exception with its one-sentence message.</summary>
    public KubeConfigException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its message and the (secret-free) underlying cause.</summary>
    public KubeConfigException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
