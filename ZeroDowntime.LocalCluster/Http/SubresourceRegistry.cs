using ZeroDowntime.LocalCluster.Storage;

namespace ZeroDowntime.LocalCluster.Http;

/// <summary>Handles one subresource request (for example POST pods/NAME/eviction).</summary>
public delegate Task SubresourceHandler(SubresourceContext context);

/// <summary>
/// Where eviction, logs and proxies plug in. Keys are (group, plural, subresource), e.g.
/// <c>("", "pods", "eviction")</c>. Until something registers, the built-in stubs answer 501
/// with a Status naming the missing piece. <c>status</c> and <c>scale</c> are built in.
/// </summary>
/// <example><code>
/// options.Subresources.Register("", "pods", "eviction", async ctx =>
/// {
///     var eviction = await ctx.ReadJsonAsync();
///     await ctx.WriteJsonAsync(201, new JsonObject { ["kind"] = "Status", ["status"] = "Success", ["code"] = 201 });
/// });
/// </code></example>
public sealed class SubresourceRegistry
{
    private readonly Dictionary<(string Group, string Plural, string Subresource), SubresourceHandler> _handlers = [];
    private readonly Dictionary<(string Group, string Plural), List<SubresourceInfo>> _advertised = [];

    /// <summary>
    /// Creates a registry with 501 stubs for every subresource discovery advertises besides status and scale
    /// (pods/eviction, log, proxy, exec, portforward; services/proxy; nodes/proxy), so an unregistered one
    /// says it is not implemented instead of answering 404 to a path discovery promised.
    /// </summary>
    public SubresourceRegistry()
    {
        foreach (var (plural, sub) in new[]
                 {
                     ("pods", "eviction"), ("pods", "log"), ("pods", "proxy"), ("pods", "exec"), ("pods", "portforward"), ("services", "proxy"), ("nodes", "proxy"),
                 })
        {
            _handlers[("", plural, sub)] = ctx => ctx.WriteStatusAsync(new ApiException(501, "NotImplemented",
                $"{plural}/{sub} is not implemented by the local cluster yet"));
        }
    }

    /// <summary>Registers (or replaces) the handler for a subresource.</summary>
    public void Register(string group, string plural, string subresource, SubresourceHandler handler) =>
        _handlers[(group, plural, subresource)] = handler;

    /// <summary>
    /// Registers a handler for a subresource the built-in catalog does not list, and lists it in discovery
    /// (<c>/api/v1</c> shows <c>PLURAL/NAME</c> with <paramref name="advertise"/>'s kind and verbs).
    /// </summary>
    public void Register(string group, string plural, string subresource, SubresourceHandler handler, SubresourceInfo advertise)
    {
        Register(group, plural, subresource, handler);
        if (!_advertised.TryGetValue((group, plural), out var list))
        {
            _advertised[(group, plural)] = list = [];
        }

        list.RemoveAll(s => s.Name == advertise.Name);
        list.Add(advertise);
    }

    /// <summary>The subresources registered with <see cref="Register(string, string, string, SubresourceHandler, SubresourceInfo)"/> for a resource.</summary>
    public IReadOnlyList<SubresourceInfo> Advertised(ResourceType type) =>
        _advertised.TryGetValue((type.Group, type.Plural), out var list) ? list : [];

    /// <summary>The handler for a subresource, or null.</summary>
    public SubresourceHandler? Find(ResourceType type, string subresource) =>
        _handlers.GetValueOrDefault((type.Group, type.Plural, subresource));
}
