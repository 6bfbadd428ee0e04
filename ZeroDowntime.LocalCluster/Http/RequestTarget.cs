using ZeroDowntime.LocalCluster.Storage;

namespace ZeroDowntime.LocalCluster.Http;

/// <summary>A parsed resource URL: <c>/api/v1/namespaces/NS/pods/NAME/SUB/REST</c> and the /apis forms.</summary>
internal sealed record RequestTarget(ResourceType Type, string Version, string? Namespace, string? Name, string? Subresource, string? SubPath, bool WatchPath)
{
    /// <summary>Converts between storage and the requested version; null when the request is in the storage version.</summary>
    public IVersionConverter? Converter => Type.ConverterFor(Version);

    /// <summary>The requested <c>group/version</c>.</summary>
    public string ApiVersion => Type.ApiVersionOf(Version);

    /// <summary>Parses <paramref name="path"/>; null when it names no known resource.</summary>
    public static RequestTarget? Parse(string path, ResourceCatalog catalog)
    {
        var segments = path.Trim('/').Split('/').Select(Uri.UnescapeDataString).ToArray();
        string group;
        string version;
        int rest;
        if (segments.Length >= 3 && segments[0] == "api")
        {
            (group, version, rest) = ("", segments[1], 2);
        }
        else if (segments.Length >= 4 && segments[0] == "apis")
        {
            (group, version, rest) = (segments[1], segments[2], 3);
        }
        else
        {
            return null;
        }

        var watch = false;
        if (segments[rest] == "watch")
        {
            watch = true;
            rest++;
        }

        var tail = segments[rest..];
        string? ns = null;
        if (tail.Length >= 3 && tail[0] == "namespaces" && catalog.Find(group, tail[2]) is { Namespaced: true })
        {
            ns = tail[1];
            tail = tail[2..];
        }

        if (tail.Length == 0 || catalog.Find(group, tail[0]) is not { } type || !type.Serves(version))
        {
            return null;
        }

        return new RequestTarget(
            type,
            version,
            ns,
            tail.Length > 1 ? tail[1] : null,
            tail.Length > 2 ? tail[2] : null,
            tail.Length > 3 ? string.Join('/', tail[3..]) : null,
            watch);
    }
}
