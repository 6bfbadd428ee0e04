using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using ZeroDowntime.LocalCluster.Security;

namespace ZeroDowntime.LocalCluster.Http;

/// <summary>
/// <c>POST /apis/authorization.k8s.io/v1/selfsubjectaccessreviews</c>, what <c>kubectl auth can-i</c> sends:
/// answers whether the caller may do what the review describes, with the same authorizer that guards requests.
/// Without RBAC everything is allowed (any token is accepted).
/// </summary>
internal static class SelfSubjectAccessReviews
{
    /// <summary>The URL path.</summary>
    public const string Path = "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews";

    /// <summary>Where <see cref="RequestGuard"/> leaves the authenticated user for this handler.</summary>
    public const string UserItem = "zd.user";

    public static async Task HandleAsync(HttpContext http, RbacAuthorizer? authorizer)
    {
        var review = await RequestBody.ReadJsonObjectAsync(http.Request, tolerateProtobuf: false).ConfigureAwait(false) ?? new JsonObject();
        var spec = review["spec"] as JsonObject ?? new JsonObject();
        var user = http.Items[UserItem] as UserInfo ?? UserInfo.Admin;
        RequestAttributes request;
        if (spec["resourceAttributes"] is JsonObject r)
        {
            string? Text(string key) => r[key]?.GetValue<string>() is { Length: > 0 } v ? v : null;
            request = new RequestAttributes(Text("verb") ?? "", Text("group") ?? "", Text("resource") ?? "", Text("subresource"), Text("namespace"), Text("name"), "");
        }
        else
        {
            var n = spec["nonResourceAttributes"] as JsonObject;
            request = new RequestAttributes(n?["verb"]?.GetValue<string>() ?? "", "", null, null, null, null, n?["path"]?.GetValue<string>() ?? "");
        }

        var decision = authorizer?.Authorize(user, request) ?? new AuthorizationDecision(true, null, null);
        var status = new JsonObject { ["allowed"] = decision.Allowed };
        if (decision.Rule is not null)
        {
            status["reason"] = $"RBAC: allowed by a rule {decision.Rule}";
        }
        else if (decision.Reason is not null)
        {
            status["reason"] = decision.Reason;
        }

        await Responses.WriteJsonAsync(http, 201, new JsonObject
        {
            ["kind"] = "SelfSubjectAccessReview", ["apiVersion"] = "authorization.k8s.io/v1",
            ["metadata"] = new JsonObject(), ["spec"] = spec.DeepClone(), ["status"] = status,
        }).ConfigureAwait(false);
    }
}
