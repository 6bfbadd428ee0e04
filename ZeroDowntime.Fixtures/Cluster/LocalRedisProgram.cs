using k8s;
using k8s.Autorest;
using ZeroDowntime.Fixtures.Configuration;
using ZeroDowntime.Kubernetes;

namespace ZeroDowntime.Fixtures.Cluster;

/// <summary>
/// Which program ran the Redis pods on the embedded cluster, from the kubelet's <c>Started</c> events
/// (<c>Started container redis (redis:7.2 runs Garnet 2.2.12: redis-server is not installed)</c>). Only the
/// embedded cluster's kubelet says it; on a real cluster the fixture does not ask, so nothing is guessed.
/// </summary>
public static class LocalRedisProgram
{
    private const string Runs = " runs ";

    /// <summary><c>redis:7.2 runs Garnet 2.2.12: redis-server is not installed</c>, or null when no Started event says it.</summary>
    public static async Task<string?> ReadAsync(IKubernetes client, string @namespace, RoleSettings redis, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(redis);
        try
        {
            var pods = (await client.ListAllAsync(KubeResources.Pods, @namespace, redis.Selector, ct: ct).ConfigureAwait(false)).Items
                .Select(p => p.Metadata.Name).ToHashSet(StringComparer.Ordinal);
            var events = await client.ListAllAsync(KubeResources.Events, @namespace, fieldSelector: "involvedObject.kind=Pod", ct: ct).ConfigureAwait(false);
            var programs = events.Items
                .Where(e => e.Reason == "Started" && e.InvolvedObject?.Name is { } pod && pods.Contains(pod))
                .Select(e => FromMessage(e.Message))
                .OfType<string>()
                .Distinct(StringComparer.Ordinal)
                .ToList();
            return programs.Count == 0 ? null : string.Join("; ", programs);
        }
        catch (Exception e) when (e is HttpOperationException or KubernetesConnectionException or HttpRequestException)
        {
            return null; // the report just says nothing
        }
    }

    /// <summary>The part in brackets of <c>Started container redis (redis:7.2 runs redis-server 7.0.15)</c>, or null.</summary>
    public static string? FromMessage(string? message)
    {
        if (message is null)
        {
            return null;
        }

        var open = message.IndexOf(" (", StringComparison.Ordinal);
        return open >= 0 && message.EndsWith(')') && message.IndexOf(Runs, open, StringComparison.Ordinal) > open
            ? message[(open + 2)..^1]
            : null;
    }
}
