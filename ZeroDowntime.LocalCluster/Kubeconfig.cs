namespace ZeroDowntime.LocalCluster;

/// <summary>Renders the kubeconfig for the local cluster (cluster, user and context all named <c>zd-local</c>).</summary>
internal static class Kubeconfig
{
    /// <summary>The context name.</summary>
    public const string ContextName = "zd-local";

    /// <summary>The kubeconfig text; with <paramref name="authorityPem"/> (an HTTPS server) it carries certificate-authority-data.</summary>
    public static string Render(Uri server, string token, string? authorityPem = null) => $$"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: {{ContextName}}
          cluster:
            server: {{server.GetLeftPart(UriPartial.Authority)}}{{(authorityPem is null ? "" : "\n    certificate-authority-data: " + Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(authorityPem)))}}
        users:
        - name: {{ContextName}}
          user:
            token: {{token}}
        contexts:
        - name: {{ContextName}}
          context:
            cluster: {{ContextName}}
            user: {{ContextName}}
            namespace: default
        current-context: {{ContextName}}
        preferences: {}

        """;
}
