using FluentAssertions;
using k8s;
using k8s.Autorest;
using k8s.Models;
using ZeroDowntime.Kubernetes.Tests.Fakes;

namespace ZeroDowntime.Kubernetes.Tests.Client;

/// <summary>ApiErrors reading the library's HttpOperationException: the server's Status, a synthesised one, the predicates, the one-sentence description.</summary>
public class ApiErrorsTests
{
    private const string PodPath = "/api/v1/namespaces/default/pods/x";

    /// <summary>Reads pod x from a fake that answers <paramref name="code"/> with <paramref name="body"/>; returns what the library threw.</summary>
    private static async Task<HttpOperationException> FailureAsync(int code, string body, string contentType = "application/json")
    {
        await using var server = await FakeApiServer.StartAsync();
        server.On("GET", PodPath, (ctx, _) => ctx.WriteRawAsync(code, body, contentType));
        using var kube = ClientFactory.Create(server, ClientFactory.FastOptions() with { MaxRetries = 0 });
        var read = () => kube.CoreV1.ReadNamespacedPodAsync("x", "default");
        return (await read.Should().ThrowAsync<HttpOperationException>()).Which;
    }

    [Fact]
    public async Task Status_is_read_from_a_Status_body()
    {
        var error = await FailureAsync(404, HttpContextResponses.StatusJson(404, "NotFound", "pods \"x\" not found",
            [new V1StatusCause { Reason = "FieldValueNotFound", Message = "name" }]));

        var status = error.Status()!;

        (status.Code, status.Reason, status.Status, status.Message).Should().Be((404, "NotFound", "Failure", "pods \"x\" not found"));
        status.Details!.Causes.Should().ContainSingle().Which.Reason.Should().Be("FieldValueNotFound");
        error.Describe().Should().Be($"GET {PodPath} failed: 404 NotFound: pods \"x\" not found");
    }

    [Fact]
    public async Task A_Status_without_a_code_takes_the_http_status()
    {
        var error = await FailureAsync(409, """{"kind":"Status","status":"Failure","reason":"AlreadyExists","message":"pods \"x\" already exists"}""");

        error.Status()!.Code.Should().Be(409);
        error.Describe().Should().Be($"GET {PodPath} failed: 409 AlreadyExists: pods \"x\" already exists");
    }

    [Fact]
    public async Task A_body_that_is_not_json_becomes_a_Status_from_the_http_status()
    {
        var error = await FailureAsync(403, "<html>denied by proxy</html>", "text/html");

        var status = error.Status()!;

        (status.Code, status.Reason, status.Status, status.Message).Should().Be((403, "Forbidden", "Failure", "<html>denied by proxy</html>"));
        error.Describe().Should().Be($"GET {PodPath} failed: 403 Forbidden: <html>denied by proxy</html>");
        error.IsForbidden().Should().BeTrue();
    }

    [Fact]
    public async Task Json_that_is_not_a_Status_is_shown_as_text_and_a_long_body_is_cut()
    {
        var other = await FailureAsync(400, """{"error":"bad gateway config"}""");
        var longBody = await FailureAsync(400, new string('x', 400), "text/plain");

        other.Describe().Should().Be($"GET {PodPath} failed: 400 BadRequest: {{\"error\":\"bad gateway config\"}}");
        longBody.Status()!.Message.Should().Be(new string('x', 300) + "...");
    }

    [Fact]
    public async Task An_empty_body_is_described_by_the_http_status_alone()
    {
        var error = await FailureAsync(502, "", "text/plain");

        error.Status()!.Message.Should().BeNull();
        error.Describe().Should().Be($"GET {PodPath} failed: 502 BadGateway");
    }

    [Theory]
    [InlineData(404, "NotFound", "NotFound")]
    [InlineData(409, "AlreadyExists", "AlreadyExists")]
    [InlineData(409, "Conflict", "Conflict")]
    [InlineData(403, "Forbidden", "Forbidden")]
    [InlineData(410, "Expired", "Gone")]
    [InlineData(422, "Invalid", "")]
    public async Task Each_predicate_matches_its_own_answer_only(int code, string reason, string expected)
    {
        var error = await FailureAsync(code, HttpContextResponses.StatusJson(code, reason, "m"));

        var matched = new Dictionary<string, bool>
        {
            ["NotFound"] = error.IsNotFound(),
            ["AlreadyExists"] = error.IsAlreadyExists(),
            ["Conflict"] = error.IsConflict(),
            ["Forbidden"] = error.IsForbidden(),
            ["Gone"] = error.IsGone(),
        };

        matched.Where(m => m.Value).Select(m => m.Key).Should().Equal(expected.Length == 0 ? Array.Empty<string>() : new[] { expected });
        ((int?)error.StatusCode()).Should().Be(code);
    }

    [Fact]
    public void A_Status_is_described_word_for_word()
    {
        ApiErrors.Describe(new V1Status { Code = 404, Reason = "NotFound", Message = "pods \"x\" not found" }).Should().Be("404 NotFound: pods \"x\" not found");
        ApiErrors.Describe(new V1Status { Code = 429, Message = "slow down" }).Should().Be("429 TooManyRequests: slow down");
        ApiErrors.Describe(new V1Status { Code = 500, Reason = "InternalError" }).Should().Be("500 InternalError");
        FluentActions.Invoking(() => ApiErrors.Describe((V1Status)null!)).Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void An_exception_without_a_response_is_described_by_its_message()
    {
        var error = new HttpOperationException("Operation returned an invalid status code 'NotFound'");

        error.Status().Should().BeNull();
        error.StatusCode().Should().BeNull();
        error.IsNotFound().Should().BeFalse();
        error.Describe().Should().Be("Operation returned an invalid status code 'NotFound'");
    }
}
