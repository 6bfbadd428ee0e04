using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Http;
using ZeroDowntime.LocalCluster.Storage;

namespace ZeroDowntime.LocalCluster.Kubelet;

/// <summary>
/// <c>GET /api/v1/namespaces/NS/pods/NAME/log</c> from the kubelet's captured output:
/// <c>container</c>, <c>follow</c> (stream until the container exits or the client goes),
/// <c>tailLines</c>, <c>timestamps</c>, <c>previous</c>, <c>sinceSeconds</c>, <c>limitBytes</c>.
/// </summary>
public static class PodLogHandler
{
    /// <summary>Registers the handler for <paramref name="kubelet"/>.</summary>
    public static void Register(SubresourceRegistry registry, ProcessKubelet kubelet) =>
        registry.Register("", "pods", "log", ctx => ServeAsync(ctx, kubelet));

    private static async Task ServeAsync(SubresourceContext ctx, ProcessKubelet kubelet)
    {
        var query = ctx.Http.Request.Query;
        var pod = ctx.Api.Pods.Get(ctx.Namespace, ctx.Name);
        var containers = (pod.GetNode("spec", "containers") as JsonArray ?? []).OfType<JsonObject>().Select(c => c.GetString("name") ?? "").ToList();
        var container = query["container"].ToString();
        if (container.Length == 0)
        {
            container = containers.Count == 1 ? containers[0]
                : throw ApiException.BadRequest($"a container name must be specified for pod {ctx.Name}, choose one of: [{string.Join(' ', containers)}]");
        }
        else if (!containers.Contains(container))
        {
            throw ApiException.BadRequest($"container {container} is not valid for pod {ctx.Name}");
        }

        var previous = IsTrue(query["previous"]);
        var log = kubelet.FindLog(pod.Uid(), container, previous);
        if (log is null)
        {
            throw ApiException.BadRequest(previous
                ? $"previous terminated container \"{container}\" in pod \"{ctx.Name}\" not found"
                : $"container \"{container}\" in pod \"{ctx.Name}\" is waiting to start: {WaitingReason(pod, container)}");
        }

        var follow = IsTrue(query["follow"]) && !previous;
        var timestamps = IsTrue(query["timestamps"]);
        var tail = long.TryParse(query["tailLines"], NumberStyles.None, CultureInfo.InvariantCulture, out var t) ? t : (long?)null;
        var since = long.TryParse(query["sinceSeconds"], NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? ctx.Api.Time.GetUtcNow().AddSeconds(-s) : (DateTimeOffset?)null;
        var limit = long.TryParse(query["limitBytes"], NumberStyles.None, CultureInfo.InvariantCulture, out var l) ? l : long.MaxValue;

        var response = ctx.Http.Response;
        response.StatusCode = 200;
        response.ContentType = "text/plain";
        var ct = ctx.Http.RequestAborted;
        var (lines, next, completed, changed) = log.Read(0);
        IEnumerable<LogLine> first = lines.Where(x => since is null || x.Time >= since);
        if (tail is { } tailLines)
        {
            first = first.TakeLast((int)Math.Min(int.MaxValue, tailLines));
        }

        long written = 0;
        try
        {
            written += await WriteAsync(response, first, timestamps, limit - written, ct).ConfigureAwait(false);
            await response.Body.FlushAsync(ct).ConfigureAwait(false);
            while (follow && !completed && written < limit)
            {
                await changed.WaitAsync(ct).ConfigureAwait(false);
                (lines, next, completed, changed) = log.Read(next);
                written += await WriteAsync(response, lines, timestamps, limit - written, ct).ConfigureAwait(false);
                await response.Body.FlushAsync(ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client disconnected.
        }
    }

    private static async Task<long> WriteAsync(HttpResponse response, IEnumerable<LogLine> lines, bool timestamps, long budget, CancellationToken ct)
    {
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            if (timestamps)
            {
                text.Append(line.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'00Z'", CultureInfo.InvariantCulture)).Append(' ');
            }

            text.Append(line.Text).Append('\n');
        }

        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        var count = (int)Math.Min(bytes.Length, Math.Max(0, budget));
        if (count > 0)
        {
            await response.Body.WriteAsync(bytes.AsMemory(0, count), ct).ConfigureAwait(false);
        }

        return count;
    }

    private static string WaitingReason(JsonObject pod, string container) =>
        (pod.GetNode("status", "containerStatuses") as JsonArray ?? []).OfType<JsonObject>()
            .FirstOrDefault(c => c.GetString("name") == container)?.GetString("state", "waiting", "reason") ?? "ContainerCreating";

    private static bool IsTrue(Microsoft.Extensions.Primitives.StringValues value) =>
        value.ToString() is "true" or "1" or "True";
}
