namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>Where a kind lives on the API server.</summary>
/// <param name="Group">API group; empty for the core group.</param>
/// <param name="Version">API version, e.g. <c>v1</c>.</param>
/// <param name="Plural">Resource name in URLs, e.g. <c>pods</c>.</param>
/// <param name="Kind">Kind, e.g. <c>Pod</c>.</param>
/// <param name="Namespaced">Whether objects live in a namespace.</param>
public sealed record ResourceInfo(string Group, string Version, string Plural, string Kind, bool Namespaced)
{
    /// <summary><c>v1</c> for the core group, otherwise <c>group/version</c>.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary><c>/api/v1</c> or <c>/apis/group/version</c>.</summary>
    public string GroupVersionPath => Group.Length == 0 ? $"/api/{Version}" : $"/apis/{Group}/{Version}";

    /// <summary>
    /// The collection path. For a namespaced kind a null namespace means all namespaces
    /// (<c>/api/v1/pods</c>); cluster-scoped kinds ignore the namespace.
    /// </summary>
    public string CollectionPath(string? @namespace) =>
        Namespaced && !string.IsNullOrEmpty(@namespace)
            ? $"{GroupVersionPath}/namespaces/{Uri.EscapeDataString(@namespace)}/{Plural}"
            : $"{GroupVersionPath}/{Plural}";

    /// <summary>The path of one object, e.g. <c>/api/v1/namespaces/default/pods/web-0</c>.</summary>
    public string ItemPath(string? @namespace, string name) =>
        $"{CollectionPath(@namespace)}/{Uri.EscapeDataString(name)}";
}
