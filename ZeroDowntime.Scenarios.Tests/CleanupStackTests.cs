using System.Net;
using FluentAssertions;
using k8s.Autorest;
using Xunit;
using ZeroDowntime.Fixtures.Cluster;

namespace ZeroDowntime.Scenarios.Tests;

public sealed class CleanupStackTests
{
    [Fact]
    public async Task Cleanups_run_last_in_first_out_and_every_one_runs_despite_failures()
    {
        var ran = new List<string>();
        var cleanup = new CleanupStack();
        cleanup.Push("first", _ => { ran.Add("first"); return Task.CompletedTask; });
        cleanup.Push("broken", _ => throw new InvalidOperationException("boom"));
        cleanup.Push("gone", _ => throw ApiFailure(HttpStatusCode.NotFound, """{"kind":"Status","status":"Failure","reason":"NotFound","code":404,"message":"pods \"x\" not found"}"""));
        cleanup.Push("refused", _ => throw ApiFailure(HttpStatusCode.Forbidden, """{"kind":"Status","status":"Failure","reason":"Forbidden","code":403,"message":"nodes \"n\" is forbidden"}"""));
        cleanup.Push("last", _ => { ran.Add("last"); return Task.CompletedTask; });

        var errors = await cleanup.RunAsync();

        ran.Should().Equal("last", "first");
        errors.Should().Equal("refused: PATCH /api/v1/nodes/n failed: 403 Forbidden: nodes \"n\" is forbidden", "broken: boom");
        cleanup.Count.Should().Be(0);
    }

    // What the official client throws for a non-2xx answer.
    private static HttpOperationException ApiFailure(HttpStatusCode code, string body)
    {
        using var request = new HttpRequestMessage(code == HttpStatusCode.NotFound ? HttpMethod.Delete : HttpMethod.Patch,
            code == HttpStatusCode.NotFound ? "https://k/api/v1/namespaces/default/pods/x" : "https://k/api/v1/nodes/n");
        using var response = new HttpResponseMessage(code);
        return new HttpOperationException($"Operation returned an invalid status code '{code}', response body {body}")
        {
            Request = new HttpRequestMessageWrapper(request, null),
            Response = new HttpResponseMessageWrapper(response, body),
        };
    }
}
