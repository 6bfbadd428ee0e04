using FluentAssertions;
using Xunit;
using static ZeroDowntime.Fixtures.Tests.Configuration.SettingsTestSupport;

namespace ZeroDowntime.Fixtures.Tests.Configuration;

public class TargetSettingsTests
{
    [Fact]
    public void The_request_body_is_the_seeds_payload()
    {
        SettingsTestSupport.Load().Target.CreateRequestBody().Should().Be("{\"prompt\":\"What is the capital of France?\",\"max_tokens\":50,\"temperature\":0.7}");
    }

    [Fact]
    public void The_request_body_escapes_a_configured_prompt()
    {
        SettingsTestSupport.Load(("ZD_TARGET__PROMPT", "Say \"hi\""), ("ZD_TARGET__MAX_TOKENS", "10"), ("ZD_TARGET__TEMPERATURE", "0"))
            .Target.CreateRequestBody().Should().Be("{\"prompt\":\"Say \\u0022hi\\u0022\",\"max_tokens\":10,\"temperature\":0}");
    }

    [Theory]
    [InlineData(200, "{\"generated_text\":\"Paris\"}", true)]
    [InlineData(200, "{\"generated_text\":\"Paris\",\"usage\":{}}", true)]
    [InlineData(200, "{\"generated_text\":\"\"}", false)]
    [InlineData(200, "{\"generated_text\":null}", false)]
    [InlineData(200, "{\"generated_text\":42}", false)]
    [InlineData(200, "{\"text\":\"Paris\"}", false)]
    [InlineData(200, "[\"Paris\"]", false)]
    [InlineData(200, "Paris", false)]
    [InlineData(200, "", false)]
    [InlineData(503, "{\"generated_text\":\"Paris\"}", false)]
    public void Success_is_the_expected_status_and_non_empty_generated_text(int status, string body, bool success)
    {
        SettingsTestSupport.Load().Target.IsSuccessfulResponse(status, body).Should().Be(success);
    }
}
