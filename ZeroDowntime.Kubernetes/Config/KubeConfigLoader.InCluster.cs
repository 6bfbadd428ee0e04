using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace ZeroDowntime.Kubernetes.Config;

// The in-cluster service account, used when no kubeconfig exists and the process runs in a pod.
public sealed partial class KubeConfigLoader
{
    private const string KubernetesServiceHost = "KUBERNETES_SERVICE_HOST";
    private const string KubernetesServicePort = "KUBERNETES_SERVICE_PORT";

    private bool InClusterAvailable() =>
        _environment.Get(KubernetesServiceHost) is not null && _environment.Get(KubernetesServicePort) is not null;

    private ClusterConnection ConnectInCluster()
    {
        var host = _environment.Get(KubernetesServiceHost)!;
        var port = _environment.Get(KubernetesServicePort)!;
        var directory = _environment.ServiceAccountDirectory;
        var bracketed = IPAddress.TryParse(host, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{host}]" : host;
        if (!Uri.TryCreate($"https://{bracketed}:{port}/", UriKind.Absolute, out var server))
        {
            throw new KubeConfigException($"{KubernetesServiceHost}='{host}' and {KubernetesServicePort}='{port}' do not form a valid API server address.");
        }

        var origin = $"the in-cluster service account in {directory}";
        var tokenPath = Path.Combine(directory, "token");
        if (!File.Exists(tokenPath))
        {
            throw new KubeConfigException($"{KubernetesServiceHost} is set, so this looks like a pod, but the service-account token {tokenPath} does not exist (is automountServiceAccountToken off?).");
        }

        var credentials = new TokenFileCredentialProvider(tokenPath, origin, _environment.Time);
        var caPath = Path.Combine(directory, "ca.crt");
        X509Certificate2Collection? roots = null;
        if (File.Exists(caPath))
        {
            roots = new X509Certificate2Collection();
            roots.ImportFromPem(ReadFile(caPath, $"The service-account CA {caPath}"));
        }

        var namespacePath = Path.Combine(directory, "namespace");
        var ns = File.Exists(namespacePath) ? ReadFile(namespacePath, $"The service-account namespace file {namespacePath}").Trim() : string.Empty;
        var validator = new ServerCertificateValidator(roots is { Count: > 0 } ? roots : null, host, server, origin, _environment.Time);
        return new ClusterConnection
        {
            Server = server,
            ContextName = InClusterContextName,
            Namespace = ns.Length > 0 ? ns : "default",
            CreatePrimaryHandler = () => new ClusterHttpsHandler(validator, null, null),
            Credentials = credentials,
        };
    }
}
