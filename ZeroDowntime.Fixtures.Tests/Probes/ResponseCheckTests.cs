using FluentAssertions;
using Xunit;
using ZeroDowntime.Fixtures.Measurement;
using ZeroDowntime.Fixtures.Probes;

namespace ZeroDowntime.Fixtures.Tests.Probes;

public class ResponseCheckTests
{
    [Theory]
    [InlineData("""{"generated_text":"Paris"}""", true)]
    [InlineData("""{"generated_text":""}""", false)]
    [InlineData("""{"generated_text":null}""", false)]
    [InlineData("""{"generated_text":42}""", false)]
    [InlineData("""{"text":"Paris"}""", false)]
    [InlineData("""["Paris"]""", false)]
    [InlineData("", false)]
    [InlineData("<html>502 Bad Gateway</html>", false)]
    public void The_default_check_wants_a_non_empty_generated_text_string(string body, bool expected)
    {
        ResponseCheck.HasGeneratedText(body).Should().Be(expected);
    }

    [Fact]
    public void A_custom_predicate_failing_on_2xx_is_a_bad_body_and_otherwise_a_bad_status()
    {
        var check = ResponseCheck.Custom("body says ok", (_, body) => body == "ok");

        check.Evaluate(200, "ok").Should().Be(AttemptErrorKind.None);
        check.Evaluate(204, "nope").Should().Be(AttemptErrorKind.BadBody);
        check.Evaluate(500, "nope").Should().Be(AttemptErrorKind.HttpStatus);
        check.ToString().Should().Be("body says ok");
    }

    [Fact]
    public void The_request_prints_method_and_address_but_never_its_headers_or_body()
    {
        var request = InferenceRequest.Completion(new Uri("http://127.0.0.1:8000/VLLMDeployment"), prompt: "secret prompt") with
        {
            Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer s3cr3t" },
        };

        request.ToString().Should().Be("POST http://127.0.0.1:8000/VLLMDeployment");
        request.JsonBody.Should().Be("""{"prompt":"secret prompt","max_tokens":50,"temperature":0.7}""");
    }
}
