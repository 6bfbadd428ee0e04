using System.Net;
using System.Text;
using ZeroDowntime.LocalCluster.Http.Faults;

namespace ZeroDowntime.LocalCluster.Tests.Http;

/// <summary>
/// A watch the API server ends on purpose (the watch-drops fault profile, or timeoutSeconds) must end as a complete chunked
/// response, so the client's keep-alive connection stays usable: the full suite under watch-drops once failed every
/// scenario with HttpConnection.ParseStatusLine on the LIST that followed a watch whose end cut a write in half.
/// </summary>
public sealed class WatchStreamEndTests
{
    [Fact]
    public async Task A_watch_ended_by_the_fault_profile_leaves_its_keep_alive_connection_usable()
    {
        var drops = new ApiFaultProfile { Name = "fast-drops", Description = "test", WatchCloseAfter = TimeSpan.FromMilliseconds(300) };
        var options = new LocalClusterOptions { Kubelet = null, NodeCount = 1, Log = TextWriter.Null, Faults = new ApiFaults(drops, 7) };
        await using var host = await LocalClusterHost.StartAsync(options);
        using var single = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1 }) { BaseAddress = host.Uri }; // the watch's connection is reused
        using var writer = new HttpClient { BaseAddress = host.Uri };
        using var stop = new CancellationTokenSource();
        var churn = ChurnAsync(writer, stop.Token); // events keep the watch writing when its lifetime ends

        try
        {
            for (var round = 0; round < 15; round++)
            {
                using (var watch = await single.GetAsync("api/v1/namespaces/default/configmaps?watch=true", HttpCompletionOption.ResponseHeadersRead))
                {
                    await (await watch.Content.ReadAsStreamAsync()).CopyToAsync(Stream.Null); // until the server ends the stream
                }

                using var list = await single.GetAsync("api/v1/namespaces/default/configmaps?limit=1");
                list.StatusCode.Should().Be(HttpStatusCode.OK, "round {0}: the connection the ended watch used must carry the next call", round);
            }
        }
        finally
        {
            await stop.CancelAsync();
            await churn;
        }
    }

    private static async Task ChurnAsync(HttpClient http, CancellationToken stop)
    {
        var data = new string('x', 64 * 1024);
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var body = $$$"""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"churn-{{{i}}}"},"data":{"k":"{{{data}}}"}}""";
            try
            {
                using var created = await http.PostAsync("api/v1/namespaces/default/configmaps", new StringContent(body, Encoding.UTF8, "application/json"), stop);
                using var deleted = await http.DeleteAsync($"api/v1/namespaces/default/configmaps/churn-{i}", stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
