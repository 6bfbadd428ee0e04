using k8s.Models;
using ZeroDowntime.LocalCluster.Storage;

namespace ZeroDowntime.LocalCluster.Patching;

/// <summary>
/// Maps Content-Type headers to the library's <see cref="V1Patch.PatchType"/>: merge, JSON and strategic
/// merge patches are understood; apply patches (server-side apply) are not.
/// </summary>
public static class PatchTypes
{
    /// <summary>The patch type for a Content-Type, or a 415 <see cref="ApiException"/>.</summary>
    public static V1Patch.PatchType FromContentType(string? contentType)
    {
        var mediaType = (contentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
        return mediaType switch
        {
            "application/merge-patch+json" => V1Patch.PatchType.MergePatch,
            "application/json-patch+json" => V1Patch.PatchType.JsonPatch,
            "application/strategic-merge-patch+json" => V1Patch.PatchType.StrategicMergePatch,
            _ => throw ApiException.UnsupportedMediaType(mediaType),
        };
    }
}
