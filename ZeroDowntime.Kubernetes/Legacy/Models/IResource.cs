namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>
/// A kind that knows where it lives on the API server, so generic calls such as
/// <c>client.ListAsync&lt;Pod&gt;()</c> can build their paths without a lookup table.
/// </summary>
public interface IResource
{
    /// <summary>Group, version, plural, kind and scope of this kind.</summary>
    static abstract ResourceInfo Resource { get; }
}
