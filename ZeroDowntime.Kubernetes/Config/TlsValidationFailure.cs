namespace ZeroDowntime.Kubernetes.Config;

/// <summary>
/// The outcome of a rejected API server certificate: the reason and a one-sentence message that
/// names the server, the certificate subject and the kubeconfig cluster it was checked against.
/// </summary>
/// <param name="Reason">Why the certificate was rejected.</param>
/// <param name="Message">One sentence for the user, e.g. "TLS verification of https://10.0.0.1:6443 failed: the server certificate 'CN=kube-apiserver' expired at 2024-01-01 00:00:00Z (cluster 'prod' in /home/me/.kube/config)."</param>
public sealed record TlsValidationFailure(TlsFailureReason Reason, string Message);
