using System.Net;
using FluentAssertions;
using k8s.Autorest;
using Xunit;
using ZeroDowntime.Fixtures.Cluster;
using ZeroDowntime.Kubernetes;

namespace ZeroDowntime.Fixtures.Tests.Cluster;

public sealed class ApiFailuresTests
{
    private const string NotFound = """{"kind":"Status","apiVersion":"v1","status":"Failure","message":"pods \"w-1\" not found","reason":"NotFound","code":404}""";

    [Fact]
    public async Task A_failed_call_is_rethrown_with_what_was_asked_and_what_the_server_said_and_stays_recognisable()
    {
        var call = Task.FromException<object>(Failure(HttpStatusCode.NotFound, NotFound));

        var thrown = (await FluentActions.Awaiting(() => call.DescribeFailure()).Should().ThrowAsync<HttpOperationException>()).Which;

        thrown.Message.Should().Be("DELETE /api/v1/namespaces/ray/pods/w-1 failed: 404 NotFound: pods \"w-1\" not found");
        thrown.IsNotFound().Should().BeTrue("cleanup code still recognises NotFound");
        thrown.InnerException.Should().BeOfType<HttpOperationException>();
    }

    [Fact]
    public void Explain_describes_API_failures_and_keeps_other_messages()
    {
        ApiFailures.Explain(Failure(HttpStatusCode.Forbidden, """{"kind":"Status","code":403,"reason":"Forbidden","message":"pods is forbidden"}"""))
            .Should().Be("DELETE /api/v1/namespaces/ray/pods/w-1 failed: 403 Forbidden: pods is forbidden");
        ApiFailures.Explain(new TimeoutException("GET /api/v1/nodes timed out")).Should().Be("GET /api/v1/nodes timed out");
    }

    [Fact]
    public void A_described_failure_is_not_wrapped_twice()
    {
        var described = Failure(HttpStatusCode.NotFound, NotFound).Described();

        described.Described().Should().BeSameAs(described);
    }

    // What the official client throws for a non-2xx answer.
    private static HttpOperationException Failure(HttpStatusCode code, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, "https://k/api/v1/namespaces/ray/pods/w-1");
        using var response = new HttpResponseMessage(code);
        return new HttpOperationException($"Operation returned an invalid status code '{code}', response body {body}")
        {
            Request = new HttpRequestMessageWrapper(request, null),
            Response = new HttpResponseMessageWrapper(response, body),
        };
    }
}
