using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using ZeroDowntime.LocalCluster.Http;
using ZeroDowntime.LocalCluster.Storage;

namespace ZeroDowntime.LocalCluster.Security;

/// <summary>
/// <c>POST /api/v1/namespaces/NS/serviceaccounts/NAME/token</c> (authentication.k8s.io/v1 TokenRequest),
/// what <c>kubectl create token NAME -n NS</c> sends: answers the request with <c>status.token</c> and
/// <c>status.expirationTimestamp</c>. The default lifetime is one hour, as on kube-apiserver.
/// </summary>
public static class TokenRequestHandler
{
    /// <summary>Lifetime when the request names none.</summary>
    public static readonly TimeSpan DefaultExpiration = TimeSpan.FromHours(1);

    /// <summary>Registers the handler for <c>serviceaccounts/token</c>.</summary>
    public static void Register(SubresourceRegistry registry, ServiceAccountTokens tokens)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.Register("", "serviceaccounts", "token", ctx => HandleAsync(ctx, tokens));
    }

    private static async Task HandleAsync(SubresourceContext ctx, ServiceAccountTokens tokens)
    {
        if (!HttpMethods.IsPost(ctx.Http.Request.Method))
        {
            await ctx.WriteStatusAsync(ApiException.MethodNotAllowed()).ConfigureAwait(false);
            return;
        }

        if (ctx.Api.Store.Get(ctx.Resource, ctx.Namespace, ctx.Name) is not { } account)
        {
            await ctx.WriteStatusAsync(ApiException.NotFound(ctx.Resource, ctx.Name)).ConfigureAwait(false);
            return;
        }

        var request = await ctx.ReadJsonAsync().ConfigureAwait(false) ?? new JsonObject();
        var spec = request["spec"] as JsonObject ?? new JsonObject();
        var seconds = spec["expirationSeconds"]?.GetValue<long>() ?? (long)DefaultExpiration.TotalSeconds;
        if (seconds < 600)
        {
            // kube-apiserver's validation: at least ten minutes.
            await ctx.WriteStatusAsync(new ApiException(422, "Invalid",
                "TokenRequest.authentication.k8s.io \"" + ctx.Name + "\" is invalid: spec.expirationSeconds: Invalid value: " + seconds.ToString(CultureInfo.InvariantCulture)
                + ": may not specify a duration less than 10 minutes")).ConfigureAwait(false);
            return;
        }

        var now = ctx.Api.Time.GetUtcNow();
        var expires = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds() + seconds);
        spec["expirationSeconds"] = seconds;
        spec["audiences"] ??= new JsonArray("https://kubernetes.default.svc.cluster.local");
        await ctx.WriteJsonAsync(201, new JsonObject
        {
            ["kind"] = "TokenRequest",
            ["apiVersion"] = "authentication.k8s.io/v1",
            ["metadata"] = new JsonObject
            {
                ["name"] = ctx.Name, ["namespace"] = ctx.Namespace,
                ["creationTimestamp"] = now.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            },
            ["spec"] = spec.DeepClone(),
            ["status"] = new JsonObject
            {
                ["token"] = tokens.Issue(account.Namespace!, account.Name, account.Uid, expires),
                ["expirationTimestamp"] = expires.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            },
        }).ConfigureAwait(false);
    }
}
