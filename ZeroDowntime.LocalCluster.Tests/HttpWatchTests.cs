using System.Net;
using System.Text.Json.Nodes;
using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Tests.Support;

namespace ZeroDowntime.LocalCluster.Tests;

public sealed class HttpWatchTests : IClassFixture<TestCluster>
{
    private readonly TestCluster _cluster;

    public HttpWatchTests(TestCluster cluster) => _cluster = cluster;

    private async Task<(HttpResponseMessage Response, StreamReader Reader)> OpenAsync(string query, CancellationToken ct)
    {
        var response = await _cluster.Http.GetAsync($"api/v1/pods?watch=true&{query}", HttpCompletionOption.ResponseHeadersRead, ct);
        return (response, new StreamReader(await response.Content.ReadAsStreamAsync(ct)));
    }

    private static async Task<JsonObject> NextAsync(StreamReader reader, CancellationToken ct, Func<JsonObject, bool>? where = null)
    {
        while (true)
        {
            var line = await reader.ReadLineAsync(ct) ?? throw new Xunit.Sdk.XunitException("the watch stream ended");
            var e = JsonNode.Parse(line)!.AsObject();
            if (where is null || where(e))
            {
                return e;
            }
        }
    }

    [Fact]
    public async Task Watch_streams_one_json_event_per_line_and_closes_cleanly_at_timeout_seconds()
    {
        var ns = _cluster.NewNamespace();
        _cluster.Api.Pods.Create(Objects.Pod(ns, "a"));
        using var deadline = new CancellationTokenSource(Deadlines.WatchEvent);
        var (response, reader) = await OpenAsync($"fieldSelector=metadata.namespace%3D{ns}&timeoutSeconds=2", deadline.Token);
        using (response)
        using (reader)
        {
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            var added = await NextAsync(reader, deadline.Token);
            _cluster.Api.Pods.Mutate(ns, "a", p => p.Ensure("metadata", "labels")["x"] = "1");
            var modified = await NextAsync(reader, deadline.Token);

            added["type"]!.GetValue<string>().Should().Be("ADDED");
            modified["type"]!.GetValue<string>().Should().Be("MODIFIED");
            modified["object"]!["metadata"]!["labels"]!["x"]!.GetValue<string>().Should().Be("1");
            (await reader.ReadLineAsync(deadline.Token)).Should().BeNull("the server ends the stream at timeoutSeconds");
        }
    }

    [Fact]
    public async Task Watch_from_an_expired_resource_version_gets_200_then_one_410_error_event()
    {
        for (var i = 0; i < 250; i++)
        {
            _cluster.Api.Events.Create(new JsonObject { ["metadata"] = new JsonObject { ["generateName"] = "e-", ["namespace"] = "default" } });
        }

        using var deadline = new CancellationTokenSource(Deadlines.WatchEvent);
        var (response, reader) = await OpenAsync("resourceVersion=2", deadline.Token);
        using (response)
        using (reader)
        {
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            var error = await NextAsync(reader, deadline.Token);
            error["type"]!.GetValue<string>().Should().Be("ERROR");
            error["object"]!["code"]!.GetValue<int>().Should().Be(410);
            error["object"]!["reason"]!.GetValue<string>().Should().Be("Expired");
            (await reader.ReadLineAsync(deadline.Token)).Should().BeNull();
        }

        using var list = await _cluster.Http.GetAsync("api/v1/pods?resourceVersion=2");
        list.StatusCode.Should().Be(HttpStatusCode.Gone);
    }

    [Fact]
    public async Task Bookmarks_carry_the_current_resource_version_when_allowed()
    {
        using var deadline = new CancellationTokenSource(Deadlines.WatchEvent);
        var (response, reader) = await OpenAsync($"resourceVersion={_cluster.Api.ResourceVersion}&allowWatchBookmarks=true", deadline.Token);
        using (response)
        using (reader)
        {
            var bookmark = await NextAsync(reader, deadline.Token, e => e["type"]!.GetValue<string>() == "BOOKMARK");

            bookmark["object"]!["kind"]!.GetValue<string>().Should().Be("Pod");
            long.Parse(bookmark["object"]!["metadata"]!["resourceVersion"]!.GetValue<string>()).Should().BeGreaterThan(0);
        }
    }

    [Fact]
    public async Task A_label_selected_watch_sees_a_relabelled_pod_leave_as_deleted()
    {
        var ns = _cluster.NewNamespace();
        _cluster.Api.Pods.Create(Objects.Pod(ns, "w", labels: new JsonObject { ["ray.io/node-type"] = "worker" }));
        using var deadline = new CancellationTokenSource(Deadlines.WatchEvent);
        var (response, reader) = await OpenAsync($"labelSelector=ray.io%2Fnode-type%3Dworker&fieldSelector=metadata.namespace%3D{ns}", deadline.Token);
        using (response)
        using (reader)
        {
            (await NextAsync(reader, deadline.Token))["type"]!.GetValue<string>().Should().Be("ADDED");
            _cluster.Api.Pods.Mutate(ns, "w", p => p["metadata"]!["labels"]!["ray.io/node-type"] = "head");

            var left = await NextAsync(reader, deadline.Token);
            left["type"]!.GetValue<string>().Should().Be("DELETED");
        }
    }
}
