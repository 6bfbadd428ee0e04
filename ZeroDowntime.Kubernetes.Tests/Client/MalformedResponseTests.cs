using System.Net;
using FluentAssertions;
using ZeroDowntime.Kubernetes.Http;

namespace ZeroDowntime.Kubernetes.Tests.Client;

/// <summary>RetryHandler and a response the .NET HTTP stack cannot parse: discarded and repeated for reads, reported for writes.</summary>
public class MalformedResponseTests
{
    private static readonly Uri Server = new("https://127.0.0.1:6443/");

    [Fact]
    public async Task A_read_whose_response_cannot_be_parsed_is_repeated_and_counted()
    {
        var counts = new ApiRetryCounts();
        using var invoker = new HttpMessageInvoker(new RetryHandler(Server, Options(counts)) { InnerHandler = new UnparsableOnce() });

        using var response = await invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(Server, "api/v1/nodes")), CancellationToken.None);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        counts.AfterConnectionFailures.Should().Be(1);
    }

    [Fact]
    public async Task A_write_whose_response_cannot_be_parsed_is_reported_not_repeated()
    {
        var counts = new ApiRetryCounts();
        using var invoker = new HttpMessageInvoker(new RetryHandler(Server, Options(counts)) { InnerHandler = new UnparsableOnce() });

        var post = () => invoker.SendAsync(new HttpRequestMessage(HttpMethod.Post, new Uri(Server, "api/v1/namespaces/default/pods")), CancellationToken.None);

        (await post.Should().ThrowAsync<KubernetesConnectionException>()).Which.Message.Should().Contain("the server's response could not be parsed");
        counts.Total.Should().Be(0);
    }

    [Fact]
    public void Only_the_HTTP_stack_s_own_parse_failures_count_as_a_malformed_response()
    {
        var fromHttpStack = Record.Exception(() => new HttpResponseMessage((HttpStatusCode)1000));

        RetryHandler.IsMalformedResponse(fromHttpStack).Should().BeTrue();
        RetryHandler.IsMalformedResponse(new ArgumentOutOfRangeException("value")).Should().BeFalse("thrown outside System.Net.Http it is a bug, not an answer");
    }

    private static KubeClientOptions Options(ApiRetryCounts counts) => new() { InitialBackoff = TimeSpan.FromMilliseconds(1), Retries = counts };

    /// <summary>Throws what HttpConnection.ParseStatusLine threw on the embedded cluster once, then answers 200.</summary>
    private sealed class UnparsableOnce : HttpMessageHandler
    {
        private int _calls;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _calls) == 1)
            {
                _ = new HttpResponseMessage((HttpStatusCode)1000); // throws ArgumentOutOfRangeException from System.Net.Http
            }

            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}") });
        }
    }
}
