using k8s.Models;
using ZeroDowntime.LocalCluster.Storage;

namespace ZeroDowntime.LocalCluster.Tests;

public sealed class SelectorTests
{
    private static readonly Dictionary<string, string> Labels = new() { ["app"] = "web", ["tier"] = "front", ["ray.io/node-type"] = "worker" };

    [Theory]
    [InlineData("app=web", true)]
    [InlineData("app==web", true)]
    [InlineData("app!=web", false)]
    [InlineData("app in (web,api)", true)]
    [InlineData("app notin (web)", false)]
    [InlineData("tier", true)]
    [InlineData("!tier", false)]
    [InlineData("!missing,ray.io/node-type=worker", true)]
    [InlineData("app=web,tier in (back)", false)]
    [InlineData("missing!=x", true)]
    public void Label_selectors_support_equality_and_set_based_requirements(string selector, bool matches) =>
        LabelSelectorMatcher.Parse(selector).Matches(Labels).Should().Be(matches);

    [Fact]
    public void A_malformed_label_selector_is_a_400()
    {
        var error = Support.Objects.Fails(() => LabelSelectorMatcher.Parse("app in web"));

        error.Code.Should().Be(400);
    }

    [Theory]
    [InlineData("In", new[] { "front", "back" }, true)]
    [InlineData("NotIn", new[] { "front" }, false)]
    [InlineData("Exists", new string[0], true)]
    [InlineData("DoesNotExist", new string[0], false)]
    public void A_selector_model_matches_as_its_json_form(string op, string[] values, bool matches)
    {
        var model = new V1LabelSelector
        {
            MatchLabels = new Dictionary<string, string> { ["app"] = "web" },
            MatchExpressions = [new V1LabelSelectorRequirement { Key = "tier", OperatorProperty = op, Values = values.Length == 0 ? null : values }],
        };

        LabelSelectorMatcher.From(model)!.Matches(Labels).Should().Be(matches);
        LabelSelectorMatcher.FromJson(Controllers.Support.TestApi.Json(k8s.KubernetesJson.Serialize(model)))!.Matches(Labels).Should().Be(matches);
    }

    [Fact]
    public void A_missing_selector_model_selects_nothing_an_empty_one_everything_and_a_bad_operator_is_a_400()
    {
        LabelSelectorMatcher.From(null).Should().BeNull();
        LabelSelectorMatcher.From(new V1LabelSelector())!.Matches(Labels).Should().BeTrue();
        var bad = new V1LabelSelector { MatchExpressions = [new V1LabelSelectorRequirement { Key = "app", OperatorProperty = "Near" }] };

        Support.Objects.Fails(() => LabelSelectorMatcher.From(bad)).Code.Should().Be(400);
    }

    [Fact]
    public void Field_selectors_accept_pod_fields_and_reject_unknown_ones_with_the_api_server_message()
    {
        var pods = ResourceCatalog.Default.Get("", "pods");
        var selector = FieldSelector.Parse("spec.nodeName=zd-node-1,status.phase!=Failed", pods);

        selector.Matches(new Dictionary<string, string> { ["spec.nodeName"] = "zd-node-1", ["status.phase"] = "Running" }).Should().BeTrue();
        selector.Matches(new Dictionary<string, string> { ["spec.nodeName"] = "zd-node-1", ["status.phase"] = "Failed" }).Should().BeFalse();

        var error = Support.Objects.Fails(() => FieldSelector.Parse("foo=bar", pods));
        error.Code.Should().Be(400);
        error.Message.Should().Be("field label not supported: foo");
    }
}
