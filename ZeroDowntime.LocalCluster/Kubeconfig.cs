namespace ZeroDowntime.LocalCluster;

/// <summary>Renders the kubeconfig for the local cluster (cluster, user and context all named <c>zd-local</c>).</summary>
internal static class Kubeconfig
{
    /// <summary>The context name.</summary>
    public const string ContextName = "zd-local";

    public static string Render(Uri server, string token) => $$"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: {{ContextName}}
          cluster:
            server: {{server.GetLeftPart(UriPartial.Authority)}}
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
