using System.Net.Http.Json;

namespace ZeroDowntime.Kubernetes.Tests.Config;

/// <summary>Builds small kubeconfigs for tests: one cluster, one context, one user.</summary>
internal static class KubeConfigYaml
{
    /// <param name="server">The cluster's server URL.</param>
    /// <param name="cluster">Extra cluster fields, one per line, e.g. "certificate-authority-data: ...".</param>
    /// <param name="user">User fields, one per line (empty for an anonymous user entry).</param>
    /// <param name="context">The context name, also the current-context.</param>
    /// <param name="contextNamespace">The context's namespace, or null.</param>
    public static string Single(string server, string cluster = "", string user = "", string context = "test", string? contextNamespace = null) => $"""
        apiVersion: v1
        kind: Config
        current-context: {context}
        clusters:
        - name: test-cluster
          cluster:
            server: {server}
        {Indent(cluster, 4)}
        contexts:
        - name: {context}
          context:
            cluster: test-cluster
            user: test-user
        {(contextNamespace is null ? string.Empty : "    namespace: " + contextNamespace)}
        users:
        - name: test-user
          user:
        {Indent(user, 4)}
        """;

    public static string Indent(string lines, int spaces) =>
        string.Join("\n", lines.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => new string(' ', spaces) + line.TrimEnd()));
}

/// <summary>Sends one request the way the client will: primary handler + credentials.</summary>
internal static class ConnectionProbe
{
    // Generous: two cores shared with other builds; a TLS handshake can stall for seconds.
    private static readonly TimeSpan RequestDeadline = TimeSpan.FromSeconds(60);

    public static async Task<WhoAmI> WhoAmIAsync(this ClusterConnection connection)
    {
        using var invoker = new HttpMessageInvoker(connection.CreatePrimaryHandler());
        return await WhoAmIAsync(connection, invoker);
    }

    public static async Task<WhoAmI> WhoAmIAsync(this ClusterConnection connection, HttpMessageInvoker invoker)
    {
        using var deadline = new CancellationTokenSource(RequestDeadline);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(connection.Server, "whoami"));
        if (connection.Credentials is { } credentials)
        {
            await credentials.ApplyAsync(request, deadline.Token);
        }

        using var response = await invoker.SendAsync(request, deadline.Token);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<WhoAmI>(deadline.Token))!;
    }
}
