using FluentAssertions;
using Xunit;
using ZeroDowntime.Fixtures.Load;
using ZeroDowntime.Fixtures.Probes;

namespace ZeroDowntime.Fixtures.Tests.Load;

public class K6ScriptTests
{
    [Fact]
    public void The_embedded_script_is_open_loop_and_reads_every_setting_from_the_environment()
    {
        K6Script.Text.Should().Contain("executor: 'constant-arrival-rate'").And.NotContain("constant-vus");
        foreach (var name in new[] { "TARGET_URL", "RATE", "MAX_VUS", "DURATION", "REQUEST_TIMEOUT", "PROMPT", "MAX_TOKENS", "TEMPERATURE", "BODY" })
        {
            K6Script.Text.Should().Contain($"('{name}'", "the script reads {0}", name);
        }

        K6Script.Text.Should().Contain(K6LineParser.AttemptPrefix.Trim()).And.Contain(K6SummaryParser.Marker.Trim()).And.Contain(K6SummaryParser.Schema);
    }

    [Fact]
    public void The_environment_carries_the_load_contract()
    {
        var options = new LoadOptions
        {
            Request = InferenceRequest.Completion(new Uri("http://ray-serve-nlb/VLLMDeployment")),
            Rate = 5,
            MaxConcurrency = 10,
            Duration = TimeSpan.FromMinutes(10),
            RequestTimeout = TimeSpan.FromSeconds(30),
        };

        K6Script.Environment(options).Should().Equal(new Dictionary<string, string>
        {
            ["TARGET_URL"] = "http://ray-serve-nlb/VLLMDeployment",
            ["METHOD"] = "POST",
            ["RATE"] = "5",
            ["TIME_UNIT"] = "1s",
            ["MAX_VUS"] = "10",
            ["DURATION"] = "600s",
            ["REQUEST_TIMEOUT"] = "30s",
            ["BODY"] = """{"prompt":"What is the capital of France?","max_tokens":50,"temperature":0.7}""",
        });
    }

    [Fact]
    public void A_fractional_rate_is_expressed_per_minute()
    {
        var options = new LoadOptions { Request = InferenceRequest.Completion(new Uri("http://x/")), Rate = 2.5 };

        var environment = K6Script.Environment(options);

        (environment["RATE"], environment["TIME_UNIT"]).Should().Be(("150", "1m"));
    }

    [Fact]
    public void Fresh_connections_turn_on_noConnectionReuse()
    {
        var request = InferenceRequest.Completion(new Uri("http://x/"));

        K6Script.Environment(new LoadOptions { Request = request, ConnectionMode = ConnectionMode.FreshConnection })
            .Should().Contain("NO_CONNECTION_REUSE", "true");
        K6Script.Environment(new LoadOptions { Request = request }).Should().NotContainKey("NO_CONNECTION_REUSE", "k6 reuses connections by default");
        K6Script.Text.Should().Contain("noConnectionReuse: env('NO_CONNECTION_REUSE', 'false') === 'true'");
    }
}
