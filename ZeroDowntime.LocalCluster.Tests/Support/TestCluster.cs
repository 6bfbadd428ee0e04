using System.Text.Json.Nodes;
using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Storage;

namespace ZeroDowntime.LocalCluster.Tests.Support;

/// <summary>A started local cluster per test class, with an HttpClient and a kubeconfig; disposed after the class.</summary>
public sealed class TestCluster : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "zd-lc-tests-" + Guid.NewGuid().ToString("N"));
    private LocalClusterHost? _host;

    public LocalClusterHost Host => _host ?? throw new InvalidOperationException("cluster not started");

    public ClusterApi Api => Host.Api;

    public HttpClient Http { get; private set; } = null!;

    public string KubeconfigPath => Path.Combine(_directory, "kubeconfig");

    public string CacheDirectory => Path.Combine(_directory, "cache");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _host = await LocalClusterHost.StartAsync(new LocalClusterOptions
        {
            Kubelet = null,
            PodTerminationDelay = TimeSpan.FromMilliseconds(300),
            BookmarkInterval = TimeSpan.FromMilliseconds(300),
            WatchHistorySize = 200,
        });
        await _host.WriteKubeconfigAsync(KubeconfigPath);
        Http = new HttpClient { BaseAddress = _host.Uri, Timeout = TimeSpan.FromSeconds(60) };
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: kubectl may still hold its cache files.
        }
    }

    /// <summary>Waits (event-driven, on store changes) until <paramref name="condition"/> holds.</summary>
    public async Task WaitUntilAsync(Func<bool> condition, TimeSpan deadline, string what)
    {
        using var cts = new CancellationTokenSource(deadline);
        while (true)
        {
            var rv = Api.Store.ResourceVersion;
            if (condition())
            {
                return;
            }

            try
            {
                await Api.Store.WaitForChangeAsync(rv, cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"timed out after {deadline.TotalSeconds:0} s waiting for {what}");
            }
        }
    }

    /// <summary>Creates a namespace unique to a test, so tests sharing a cluster do not collide.</summary>
    public string NewNamespace()
    {
        var name = "t-" + Guid.NewGuid().ToString("N")[..10];
        Api.Namespaces.Create(new JsonObject { ["metadata"] = new JsonObject { ["name"] = name } });
        return name;
    }
}

/// <summary>Object builders for tests.</summary>
public static class Objects
{
    public static JsonObject Pod(string ns, string name, string? node = "zd-node-1", JsonObject? labels = null, long? grace = null)
    {
        var spec = new JsonObject
        {
            ["containers"] = new JsonArray(new JsonObject
            {
                ["name"] = "app",
                ["image"] = "zd/app:1",
                ["ports"] = new JsonArray(new JsonObject { ["containerPort"] = 8080 }),
            }),
        };
        if (node is not null)
        {
            spec["nodeName"] = node;
        }

        if (grace is not null)
        {
            spec["terminationGracePeriodSeconds"] = grace;
        }

        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns, ["labels"] = labels ?? new JsonObject { ["app"] = "web" } },
            ["spec"] = spec,
        };
    }

    public static JsonObject Deployment(string ns, string name, int replicas = 2) => new()
    {
        ["apiVersion"] = "apps/v1",
        ["kind"] = "Deployment",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
        ["spec"] = new JsonObject
        {
            ["replicas"] = replicas,
            ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = name } },
            ["template"] = new JsonObject
            {
                ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = name } },
                ["spec"] = new JsonObject
                {
                    ["containers"] = new JsonArray(
                        new JsonObject { ["name"] = "app", ["image"] = "zd/app:1" },
                        new JsonObject { ["name"] = "sidecar", ["image"] = "zd/sidecar:1" }),
                },
            },
        },
    };

    public static JsonObject WithOwner(JsonObject obj, JsonObject owner)
    {
        obj.Metadata()["ownerReferences"] = new JsonArray(new JsonObject
        {
            ["apiVersion"] = owner.GetString("apiVersion"),
            ["kind"] = owner.GetString("kind"),
            ["name"] = owner.Name(),
            ["uid"] = owner.Uid(),
            ["controller"] = true,
        });
        return obj;
    }

    public static string Rv(JsonObject obj) => obj.GetString("metadata", "resourceVersion")!;

    public static ApiException Fails(Action action)
    {
        try
        {
            action();
        }
        catch (ApiException e)
        {
            return e;
        }

        throw new Xunit.Sdk.XunitException("expected an ApiException");
    }
}
