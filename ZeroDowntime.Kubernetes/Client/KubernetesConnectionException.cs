namespace ZeroDowntime.Kubernetes;

/// <summary>
/// The API server could not be reached (refused, reset, DNS, TLS). The message names the server:
/// <c>could not reach the Kubernetes API server at https://10.0.0.1:6443: connection refused</c>.
/// </summary>
public sealed class KubernetesConnectionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public KubernetesConnectionException(Uri server, string reason, Exception? innerException)
        : base($"could not reach the Kubernetes API server at {Display(server)}: {reason}", innerException)
    {
        Server = server;
    }

    /// <summary>The server that could not be reached.</summary>
    public Uri Server { get; }

    /// <summary>The server URI without user info (which could hold a password) and without a trailing slash.</summary>
    internal static string Display(Uri server) =>
        server.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped).TrimEnd('/');
}
