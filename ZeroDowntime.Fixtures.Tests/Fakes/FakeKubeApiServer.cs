using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using k8s;
using ZeroDowntime.Kubernetes;

namespace ZeroDowntime.Fixtures.Tests.Fakes;

/// <summary>
/// A small Kubernetes API server on 127.0.0.1 for the suite's own tests: an in-memory store of pods,
/// nodes, Jobs, ConfigMaps and Events with list, watch (resourceVersion, history, 410 after
/// <see cref="ExpireWatches"/>), create, delete, pod logs (follow, timestamps, sinceSeconds) and the pod
/// proxy. With a <see cref="FakeJobRunner"/> it also plays Job controller and kubelet.
/// </summary>
internal sealed partial class FakeKubeApiServer : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, JsonObject> _objects = new(StringComparer.Ordinal); // key: plural/ns/name
    private readonly List<(long Rv, string Type, string Plural, JsonObject Object)> _history = [];
    private readonly List<Watcher> _watchers = [];
    private readonly CancellationTokenSource _stopping = new();
    private WebApplication _app = null!;
    private long _rv = 100;
    private long _compactedBelow;
    private int _disposed;

    public Uri Uri { get; private set; } = null!;

    /// <summary>Every request: "METHOD path?query".</summary>
    public List<string> Requests { get; } = [];

    /// <summary>Bodies and content types of requests to the pod proxy.</summary>
    public List<(string Method, string Path, string? ContentType, string Body)> ProxyRequests { get; } = [];

    /// <summary>Plays Job controller and kubelet when set.</summary>
    public FakeJobRunner? Jobs { get; set; }

    public static async Task<FakeKubeApiServer> StartAsync()
    {
        var server = new FakeKubeApiServer();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        server._app = builder.Build();
        server._app.Run(server.HandleAsync);
        await server._app.StartAsync();
        server.Uri = new Uri(server._app.Urls.First());
        return server;
    }

    public IKubernetes CreateClient() =>
        Connection().CreateClient(new KubeClientOptions { MaxRetries = 3, InitialBackoff = TimeSpan.FromMilliseconds(20) });

    public ClusterConnection Connection() =>
        new() { Server = Uri, ContextName = "fake", Namespace = "zd", CreatePrimaryHandler = () => new SocketsHttpHandler { UseProxy = false } };

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync();
        if (Jobs is not null)
        {
            await Jobs.DisposeAsync();
        }

        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    // ---- store ----

    public JsonObject Put(string plural, string? ns, JsonObject obj, string? type = null)
    {
        lock (_gate)
        {
            var meta = obj["metadata"]!.AsObject();
            var name = meta["name"]!.GetValue<string>();
            var key = Key(plural, ns, name);
            var exists = _objects.ContainsKey(key);
            meta["resourceVersion"] = (++_rv).ToString(CultureInfo.InvariantCulture);
            meta["uid"] ??= Guid.NewGuid().ToString();
            meta["creationTimestamp"] ??= DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            if (ns is not null)
            {
                meta["namespace"] = ns;
            }

            _objects[key] = obj;
            Publish(type ?? (exists ? "MODIFIED" : "ADDED"), plural, obj);
            return (JsonObject)obj.DeepClone();
        }
    }

    public JsonObject? Get(string plural, string? ns, string name)
    {
        lock (_gate)
        {
            return _objects.TryGetValue(Key(plural, ns, name), out var o) ? (JsonObject)o.DeepClone() : null;
        }
    }

    /// <summary>Changes an object in place and publishes MODIFIED.</summary>
    public JsonObject Update(string plural, string? ns, string name, Action<JsonObject> change)
    {
        lock (_gate)
        {
            var obj = Get(plural, ns, name) ?? throw new InvalidOperationException($"{plural} {name} not found");
            change(obj);
            return Put(plural, ns, obj, "MODIFIED");
        }
    }

    public bool Remove(string plural, string? ns, string name)
    {
        lock (_gate)
        {
            if (!_objects.Remove(Key(plural, ns, name), out var obj))
            {
                return false;
            }

            obj["metadata"]!["resourceVersion"] = (++_rv).ToString(CultureInfo.InvariantCulture);
            Publish("DELETED", plural, obj);
            return true;
        }
    }

    public IReadOnlyList<JsonObject> All(string plural, string? ns)
    {
        lock (_gate)
        {
            return _objects.Where(p => p.Key.StartsWith(Key(plural, ns, ""), StringComparison.Ordinal)).Select(p => (JsonObject)p.Value.DeepClone()).ToList();
        }
    }

    /// <summary>Forgets the watch history: open watches get an ERROR 410 event, older resourceVersions get 410 from now on.</summary>
    public void ExpireWatches()
    {
        lock (_gate)
        {
            _compactedBelow = _rv + 1;
            _history.Clear();
            foreach (var w in _watchers)
            {
                w.Events.Writer.TryWrite("""{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","status":"Failure","message":"too old resource version","reason":"Expired","code":410}}""");
                w.Events.Writer.TryComplete();
            }

            _watchers.Clear();
        }
    }

    private void Publish(string type, string plural, JsonObject obj)
    {
        var rv = long.Parse(obj["metadata"]!["resourceVersion"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        var copy = (JsonObject)obj.DeepClone();
        _history.Add((rv, type, plural, copy));
        foreach (var w in _watchers.Where(w => w.Matches(plural, copy)))
        {
            w.Events.Writer.TryWrite(WatchLine(type, copy));
        }
    }

    private static string WatchLine(string type, JsonObject obj) => new JsonObject { ["type"] = type, ["object"] = obj.DeepClone() }.ToJsonString();

    private static string Key(string plural, string? ns, string name) => $"{plural}/{ns ?? "-"}/{name}";

    private sealed record Watcher(string Plural, string? Namespace, string? Selector, Channel<string> Events)
    {
        public bool Matches(string plural, JsonObject obj) =>
            plural == Plural && (Namespace is null || obj["metadata"]?["namespace"]?.GetValue<string>() == Namespace) && SelectorMatches(Selector, obj);
    }

    internal static bool SelectorMatches(string? selector, JsonObject obj)
    {
        if (string.IsNullOrEmpty(selector))
        {
            return true;
        }

        var labels = obj["metadata"]?["labels"] as JsonObject;
        foreach (var requirement in selector.Split(','))
        {
            var parts = requirement.Split('=', 2);
            if (labels?[parts[0].Trim()]?.GetValue<string>() != parts[1].Trim())
            {
                return false;
            }
        }

        return true;
    }

    internal static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    internal static string Serialize(object value) => JsonSerializer.Serialize(value);
}
