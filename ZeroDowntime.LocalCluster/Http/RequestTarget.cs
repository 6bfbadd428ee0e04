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
        if (Split(path) is not var (group, version, watch, tail))
        {
            return null;
        }

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

    /// <summary>
    /// The group, version, <c>watch/</c> prefix and the segments after them (unescaped) of an <c>/api/{version}/...</c> or
    /// <c>/apis/{group}/{version}/...</c> path; null for any other path, discovery (<c>/apis/{group}/{version}</c>) included.
    /// </summary>
    public static (string Group, string Version, bool Watch, string[] Tail)? Split(string path)
    {
        var segments = path.Trim('/').Split('/').Select(Uri.UnescapeDataString).ToArray();
        var (group, version, rest) = segments switch
        {
            ["api", var v, _, ..] => ("", v, 2),
            ["apis", var g, var v, _, ..] => (g, v, 3),
            _ => (null, "", 0),
        };
        if (group is null)
        {
            return null;
        }

        var watch = segments[rest] == "watch";
        return (group, version, watch, segments[(watch ? rest + 1 : rest)..]);
    }
}
