using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Http;
using ZeroDowntime.LocalCluster.Storage;

namespace ZeroDowntime.LocalCluster.Kubelet;

/// <summary>
/// The embedded cluster's process-kill test hook, a pod subresource no real cluster has:
/// <c>POST /api/v1/namespaces/NS/pods/NAME/zerodowntime-kill?container=C</c> sends SIGKILL to the
/// container's processes without touching the pod object, so the kubelet restarts the container in
/// place and <c>restartCount</c> goes up (what a crashed or OOM-killed process looks like). It is
/// listed in <c>/api/v1</c> discovery as <c>pods/zerodowntime-kill</c>, which is how the suite knows
/// the cluster offers it. Answers 200 with a Status whose message says what was killed; 400 for an
/// unknown container; 409 when the container is not running.
/// </summary>
public static class ProcessKillHandler
{
    /// <summary>The subresource name.</summary>
    public const string Subresource = "zerodowntime-kill";

    /// <summary>Registers (and advertises) the hook for <paramref name="kubelet"/>.</summary>
    public static void Register(SubresourceRegistry registry, ProcessKubelet kubelet)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.Register("", "pods", Subresource, ctx => KillAsync(ctx, kubelet), new SubresourceInfo(Subresource, "Status", ["create"]));
    }

    private static async Task KillAsync(SubresourceContext ctx, ProcessKubelet kubelet)
    {
        if (!HttpMethods.IsPost(ctx.Http.Request.Method))
        {
            throw ApiException.MethodNotAllowed();
        }

        var pod = ctx.Api.Pods.Get(ctx.Namespace, ctx.Name);
        var container = ctx.Http.Request.Query["container"].ToString();
        var message = kubelet.KillContainer(pod.Uid(), container.Length == 0 ? null : container);
        await ctx.WriteJsonAsync(200, new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Success",
            ["message"] = message,
            ["code"] = 200,
            ["details"] = new JsonObject { ["name"] = ctx.Name, ["kind"] = "pods" },
        }).ConfigureAwait(false);
    }
}
