using System.Net;
using FluentAssertions;
using k8s.Autorest;
using Xunit;
using ZeroDowntime.Fixtures.Autoscaling;

namespace ZeroDowntime.Fixtures.Tests.Autoscaling;

public sealed class ResourceMetricsReaderTests
{
    [Theory]
    [InlineData("15s", 15_000)]
    [InlineData("5.004469s", 5_004.469)]
    [InlineData("1m0s", 60_000)]
    [InlineData("500ms", 500)]
    [InlineData("1m30.5s", 90_500)]
    [InlineData("soon", 0)]
    [InlineData("", 0)]
    public void The_window_reads_as_a_Go_duration(string text, double milliseconds) =>
        ResourceMetricsReader.Window(text).TotalMilliseconds.Should().BeApproximately(milliseconds, 0.001);

    [Fact]
    public void A_cluster_without_metrics_server_is_told_so_in_one_sentence()
    {
        var missing = Failure(HttpStatusCode.NotFound, """{"kind":"Status","status":"Failure","message":"the server could not find the requested resource","reason":"NotFound","code":404}""");

        ResourceMetricsReader.Unavailable(missing, "default", "prod").Should().StartWith(
            "The resource metrics API (metrics.k8s.io) is not served on context 'prod': the cluster has no metrics-server, " +
            "so no HorizontalPodAutoscaler can read CPU. Install metrics-server and run again (GET /apis/metrics.k8s.io/v1beta1/namespaces/default/pods: ");
    }

    [Fact]
    public void An_unavailable_metrics_server_is_told_apart_from_a_missing_one()
    {
        var unavailable = Failure(HttpStatusCode.ServiceUnavailable, """{"kind":"Status","status":"Failure","message":"the server is currently unable to handle the request","reason":"ServiceUnavailable","code":503}""");

        ResourceMetricsReader.Unavailable(unavailable, "default", "prod").Should().StartWith(
            "The resource metrics API (metrics.k8s.io) is registered on context 'prod' but unavailable: metrics-server is not running or not reachable from the API server");
    }

    private static HttpOperationException Failure(HttpStatusCode code, string body) => new($"Operation returned an invalid status code '{code}'")
    {
        Response = new HttpResponseMessageWrapper(new HttpResponseMessage(code), body),
        Body = body,
    };
}
