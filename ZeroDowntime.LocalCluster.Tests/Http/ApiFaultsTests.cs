using System.Net;
using Microsoft.AspNetCore.Http;
using ZeroDowntime.LocalCluster.Http.Faults;

namespace ZeroDowntime.LocalCluster.Tests.Http;

/// <summary>The fault profiles' parsing, seeding, banner, and the rule that the pods/services proxy is never faulted.</summary>
public sealed class ApiFaultsTests
{
    [Fact]
    public void A_profile_with_a_seed_repeats_its_decisions()
    {
        var first = ApiFaultProfiles.Parse("mixed:42", "--faults");
        var second = ApiFaultProfiles.Parse("mixed:42", "--faults");

        first.Seed.Should().Be(42);
        Enumerable.Range(0, 200).Select(_ => first.NextError()).Should().Equal(Enumerable.Range(0, 200).Select(_ => second.NextError()));
        first.Banner.Should().Contain("profile mixed").And.Contain("seed 42").And.EndWith("ZD_LOCAL_FAULTS=mixed:42 repeats the sequence");
    }

    [Theory]
    [InlineData("chaos", "--faults is 'chaos', but the fault profiles are latency, throttle, errors, resets, watch-drops, watch-expired, slow-evictions, mixed (optionally followed by :SEED).")]
    [InlineData("errors:-1", "--faults is 'errors:-1', but the seed after ':' must be a non-negative integer.")]
    public void Bad_input_is_one_sentence_naming_the_allowed_values(string value, string message)
    {
        var parse = () => ApiFaultProfiles.Parse(value, "--faults");

        parse.Should().Throw<InvalidDataException>().WithMessage(message);
    }

    [Fact]
    public async Task Every_resource_call_fails_at_rate_one_but_the_proxy_path_and_health_are_never_faulted()
    {
        var always = new ApiFaultProfile { Name = "always-500", Description = "test", ServerErrorRate = 1.0 };
        var log = new StringWriter();
        var options = new LocalClusterOptions { Kubelet = null, NodeCount = 1, Log = log, Faults = new ApiFaults(always, 7) };
        options.Subresources.Register("", "pods", "proxy", ctx => ctx.Http.Response.WriteAsync("probe answer"));
        await using var host = await LocalClusterHost.StartAsync(options);
        using var http = new HttpClient { BaseAddress = host.Uri };

        var list = await http.GetAsync("api/v1/namespaces/default/pods");
        var proxied = await http.GetAsync("api/v1/namespaces/default/pods/web-1/proxy/healthz");
        var health = await http.GetAsync("healthz");

        list.StatusCode.Should().BeOneOf(HttpStatusCode.InternalServerError, HttpStatusCode.ServiceUnavailable);
        proxied.StatusCode.Should().Be(HttpStatusCode.OK, "the proxy carries the probes' traffic, which must measure the target, not the faults");
        (await proxied.Content.ReadAsStringAsync()).Should().Be("probe answer");
        health.StatusCode.Should().Be(HttpStatusCode.OK);
        log.ToString().Should().Contain("zd-local API faults: profile always-500 (test), seed 7");
        host.Faults!.Injected.Should().Be(1);
    }
}
