using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Tests.Support;
using Xunit;

namespace ZeroDowntime.LocalCluster.Tests.Networking;

public sealed class ProxySubresourceTests
{
    [Fact]
    public async Task The_service_and_pod_proxies_forward_method_body_query_and_stream_the_answer()
    {
        await using var cluster = await ProcessCluster.StartAsync();
        await LoadBalancerTests.StartWorkersBehindLoadBalancerAsync(cluster, 1);
        using var http = new HttpClient { BaseAddress = cluster.Host.Uri };

        var viaService = await http.PostAsJsonAsync("api/v1/namespaces/default/services/vllm-nlb:serve/proxy/VLLMDeployment", new { prompt = "hi", max_tokens = 3 });
        var viaPod = await http.GetStringAsync("api/v1/namespaces/default/pods/w0:8000/proxy/-/healthz");
        var viaPodDefaultPort = await http.GetAsync("api/v1/namespaces/default/pods/w0/proxy/-/routes?x=1");

        viaService.StatusCode.Should().Be(HttpStatusCode.OK);
        viaService.Headers.GetValues("x-zd-node").Should().Equal("w0");
        (await viaService.Content.ReadFromJsonAsync<JsonObject>())!.GetString("generated_text").Should().NotBeNullOrEmpty();
        viaPod.Should().Be("success");
        viaPodDefaultPort.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_service_without_Ready_endpoints_answers_503_with_the_API_servers_message()
    {
        await using var cluster = await ProcessCluster.StartAsync();
        cluster.Apply(LoadBalancerTests.LoadBalancer);
        using var http = new HttpClient { BaseAddress = cluster.Host.Uri };

        var response = await http.GetAsync("api/v1/namespaces/default/services/vllm-nlb/proxy/-/healthz");

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await response.Content.ReadFromJsonAsync<JsonObject>())!.GetString("message").Should().Be("no endpoints available for service \"vllm-nlb\"");
    }
}
