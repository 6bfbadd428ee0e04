using System.Text.Json.Nodes;
using FluentAssertions;
using ZeroDowntime.LocalCluster.Controllers.Workloads;
using Xunit;

namespace ZeroDowntime.LocalCluster.Tests.Controllers;

public sealed class TemplateHashTests
{
    [Fact]
    public void Hash_ignores_key_order_and_the_hash_label()
    {
        var a = JsonNode.Parse("""{"metadata":{"labels":{"app":"x"}},"spec":{"containers":[{"name":"c","image":"i:1"}]}}""");
        var b = JsonNode.Parse("""{"spec":{"containers":[{"image":"i:1","name":"c"}]},"metadata":{"labels":{"pod-template-hash":"zz","app":"x"}}}""");
        TemplateHash.Of(a).Should().Be(TemplateHash.Of(b));
    }

    [Fact]
    public void Hash_changes_with_the_image_and_uses_the_safe_alphabet()
    {
        var one = TemplateHash.Of(JsonNode.Parse("""{"spec":{"containers":[{"name":"c","image":"i:1"}]}}"""));
        var two = TemplateHash.Of(JsonNode.Parse("""{"spec":{"containers":[{"name":"c","image":"i:2"}]}}"""));
        one.Should().NotBe(two);
        one.Should().MatchRegex("^[bcdfghjklmnpqrstvwxz2456789]{1,10}$");
    }
}
