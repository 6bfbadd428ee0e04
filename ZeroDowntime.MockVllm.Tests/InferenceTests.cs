using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FluentAssertions;
using Xunit;
using ZeroDowntime.MockVllm.Tests.Infrastructure;

namespace ZeroDowntime.MockVllm.Tests;

public sealed class InferenceTests
{
    [Fact]
    public async Task Inference_answers_200_with_generated_text_after_max_tokens_times_the_token_latency()
    {
        await using var node = await InProcessNode.StartAsync("--token-latency-ms", "20");

        var clock = Stopwatch.StartNew();
        using var response = await node.InferAsync(maxTokens: 25);
        clock.Stop();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("generated_text").GetString().Should().NotBeNullOrWhiteSpace();
        // 25 tokens x 20 ms = 500 ms; the upper bound is wide because the machine is shared.
        clock.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(480)).And.BeLessThan(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Same_prompt_gives_the_same_text_and_one_word_per_token()
    {
        await using var node = await InProcessNode.StartAsync("--token-latency-ms", "0");

        var first = await GeneratedTextAsync(node, "What is the capital of France?", 12);
        var again = await GeneratedTextAsync(node, "What is the capital of France?", 12);
        var other = await GeneratedTextAsync(node, "Name a river.", 12);

        first.Should().Be(again);
        other.Should().NotBe(first);
        first.TrimEnd('.').Split(' ').Should().HaveCount(12);
    }

    [Fact]
    public async Task The_seed_payload_without_temperature_is_accepted()
    {
        await using var node = await InProcessNode.StartAsync("--token-latency-ms", "0");

        using var response = await node.Http.PostAsync(new Uri(node.Serve, "/VLLMDeployment"),
            new StringContent("""{"prompt":"Test","max_tokens":10}""", Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.GetValues("x-zd-node").Should().ContainSingle();
    }

    [Theory]
    [InlineData("""{"prompt": "unterminated""", "Invalid JSON body.")]
    [InlineData("""[1, 2]""", "Request body must be a JSON object.")]
    [InlineData("""{"max_tokens": 5}""", "Field 'prompt' is required and must be a string.")]
    [InlineData("""{"prompt": "x", "max_tokens": 0}""", "Field 'max_tokens' must be an integer from 1 to 4096.")]
    [InlineData("""{"prompt": "x", "max_tokens": "ten"}""", "Field 'max_tokens' must be an integer from 1 to 4096.")]
    [InlineData("""{"prompt": "x", "temperature": "hot"}""", "Field 'temperature' must be a number from 0 to 2.")]
    public async Task Bad_requests_get_400_with_a_JSON_error(string body, string error)
    {
        await using var node = await InProcessNode.StartAsync("--token-latency-ms", "0");

        using var response = await node.Http.PostAsync(new Uri(node.Serve, "/VLLMDeployment"), new StringContent(body, Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        json.GetProperty("error").GetString().Should().Be(error);
    }

    [Fact]
    public async Task During_the_startup_delay_inference_and_healthz_answer_503_then_200()
    {
        await using var node = await InProcessNode.StartAsync("--startup-delay", "1.5s", "--token-latency-ms", "0");

        using (var early = await node.InferAsync())
        using (var earlyHealth = await node.Http.GetAsync(new Uri(node.Serve, "/-/healthz")))
        {
            early.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
            earlyHealth.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        }

        await Eventually.MatchesAsync(async () => (await node.Http.GetAsync(new Uri(node.Serve, "/-/healthz"))).StatusCode,
            status => status == HttpStatusCode.OK, Timeouts.Request, "/-/healthz answers 200 after the model load");
        using var late = await node.InferAsync();
        late.StatusCode.Should().Be(HttpStatusCode.OK);
        await node.Log.WaitForLineAsync("model loaded", Timeouts.LogLine);
    }

    private static async Task<string> GeneratedTextAsync(InProcessNode node, string prompt, int maxTokens)
    {
        using var response = await node.InferAsync(prompt, maxTokens);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("generated_text").GetString()!;
    }
}
