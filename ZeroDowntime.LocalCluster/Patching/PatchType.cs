using ZeroDowntime.LocalCluster.Storage;

namespace ZeroDowntime.LocalCluster.Patching;

/// <summary>The PATCH body formats the local API server understands.</summary>
public enum PatchType
{
    /// <summary>RFC 7386 JSON merge patch (<c>application/merge-patch+json</c>).</summary>
    Merge,

    /// <summary>RFC 6902 JSON patch (<c>application/json-patch+json</c>).</summary>
    Json,

    /// <summary>Kubernetes strategic merge patch (<c>application/strategic-merge-patch+json</c>), the subset kubectl uses.</summary>
    StrategicMerge,
}

/// <summary>Maps Content-Type headers to <see cref="PatchType"/>.</summary>
public static class PatchTypes
{
    /// <summary>The patch type for a Content-Type, or a 415 <see cref="ApiException"/>.</summary>
    public static PatchType FromContentType(string? contentType)
    {
        var mediaType = (contentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
        return mediaType switch
        {
            "application/merge-patch+json" => PatchType.Merge,
            "application/json-patch+json" => PatchType.Json,
            "application/strategic-merge-patch+json" => PatchType.StrategicMerge,
            _ => throw ApiException.UnsupportedMediaType(mediaType),
        };
    }
}
