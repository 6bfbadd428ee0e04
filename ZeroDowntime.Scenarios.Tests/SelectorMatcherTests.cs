using FluentAssertions;
using Xunit;
using ZeroDowntime.Fixtures.Cluster;

namespace ZeroDowntime.Scenarios.Tests;

public sealed class SelectorMatcherTests
{
    private static readonly Dictionary<string, string> Worker = new() { ["ray.io/node-type"] = "worker", ["app"] = "vllm" };

    [Theory]
    [InlineData("ray.io/node-type=worker", true)]
    [InlineData("ray.io/node-type==worker,app=vllm", true)]
    [InlineData("ray.io/node-type=head", false)]
    [InlineData("ray.io/node-type!=head", true)]
    [InlineData("ray.io/node-type in (head,worker)", true)]
    [InlineData("ray.io/node-type notin (head, worker)", false)]
    [InlineData("app,ray.io/node-type in (worker)", true)]
    [InlineData("!app", false)]
    [InlineData("missing", false)]
    [InlineData("", true)]
    public void Selector_matches_like_the_API_server(string selector, bool matches) =>
        SelectorMatcher.Matches(selector, Worker).Should().Be(matches);
}
