using System.Text.Json.Nodes;
using ZeroDowntime.LocalCluster.Storage;

namespace ZeroDowntime.LocalCluster.Cluster;

/// <summary>
/// The validation clients notice: apps/v1 workloads need a selector that matches their template's
/// labels, label selectors must parse, pods need containers. Failures are 422 Invalid.
/// </summary>
public sealed class BuiltinValidation : IAdmissionHook
{
    /// <inheritdoc />
    public void Admit(AdmissionContext request)
    {
        if (request.Subresource is not null)
        {
            return;
        }

        var obj = request.Object;
        var type = request.Resource;
        if (type.Group == "apps" && type.Kind is "Deployment" or "ReplicaSet" or "StatefulSet" or "DaemonSet")
        {
            if (obj.GetNode("spec", "selector") is not JsonObject selectorJson)
            {
                throw ApiException.Invalid(type, obj.Name(), new FieldError("FieldValueRequired", "Required value", "spec.selector"));
            }

            var selector = ParseSelector(type, obj, selectorJson, "spec.selector");
            var labels = (obj.GetNode("spec", "template", "metadata", "labels") as JsonObject)?
                .ToDictionary(p => p.Key, p => p.Value?.ToString() ?? "") ?? [];
            if (selector is null || selector.IsEmpty || !selector.Matches(labels))
            {
                throw ApiException.Invalid(type, obj.Name(), new FieldError("FieldValueInvalid",
                    "Invalid value: " + (obj.GetNode("spec", "template", "metadata", "labels")?.ToJsonString() ?? "null") +
                    ": `selector` does not match template `labels`", "spec.template.metadata.labels"));
            }
        }
        else if (type.Group == "policy" && obj.GetNode("spec", "selector") is JsonObject pdbSelector)
        {
            ParseSelector(type, obj, pdbSelector, "spec.selector");
        }
        else if (type.Group.Length == 0 && type.Kind == "Pod"
            && obj.GetNode("spec", "containers") is not JsonArray { Count: > 0 })
        {
            throw ApiException.Invalid(type, obj.Name(), new FieldError("FieldValueRequired", "Required value", "spec.containers"));
        }
    }

    private static LabelSelectorMatcher? ParseSelector(ResourceType type, JsonObject obj, JsonObject selector, string field)
    {
        try
        {
            return LabelSelectorMatcher.FromJson(selector);
        }
        catch (ApiException e) when (e.Code == 400)
        {
            throw ApiException.Invalid(type, obj.Name(), new FieldError("FieldValueInvalid", "Invalid value: " + e.Message, field));
        }
    }
}
