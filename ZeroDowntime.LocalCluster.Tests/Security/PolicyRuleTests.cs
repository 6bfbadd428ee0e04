using System.Text.Json.Nodes;
using FluentAssertions;
using ZeroDowntime.LocalCluster.Security;

namespace ZeroDowntime.LocalCluster.Tests.Security;

/// <summary>Rule matching as kube-apiserver's RBAC authorizer does it.</summary>
public sealed class PolicyRuleTests
{
    private static RequestAttributes Pods(string verb, string? sub = null, string? name = "p") => new(verb, "", "pods", sub, "ns", name, "/api/v1/namespaces/ns/pods");

    private static PolicyRule Rule(string json) => PolicyRule.FromJson(JsonNode.Parse(json));

    [Fact]
    public void A_verb_matches_itself_or_the_star()
    {
        Rule("""{"apiGroups":[""],"resources":["pods"],"verbs":["get"]}""").Allows(Pods("get")).Should().BeTrue();
        Rule("""{"apiGroups":[""],"resources":["pods"],"verbs":["get"]}""").Allows(Pods("delete")).Should().BeFalse();
        Rule("""{"apiGroups":[""],"resources":["pods"],"verbs":["*"]}""").Allows(Pods("delete")).Should().BeTrue();
    }

    [Fact]
    public void A_resource_does_not_cover_its_subresources_but_star_slash_sub_covers_every_resource()
    {
        Rule("""{"apiGroups":[""],"resources":["pods"],"verbs":["create"]}""").Allows(Pods("create", "eviction")).Should().BeFalse();
        Rule("""{"apiGroups":[""],"resources":["pods/eviction"],"verbs":["create"]}""").Allows(Pods("create", "eviction")).Should().BeTrue();
        Rule("""{"apiGroups":[""],"resources":["*/eviction"],"verbs":["create"]}""").Allows(Pods("create", "eviction")).Should().BeTrue();
        Rule("""{"apiGroups":[""],"resources":["*"],"verbs":["get"]}""").Allows(Pods("get", "log")).Should().BeTrue();
        Rule("""{"apiGroups":[""],"resources":["pods/log"],"verbs":["get"]}""").Allows(Pods("get")).Should().BeFalse();
    }

    [Fact]
    public void The_api_group_must_match_unless_the_rule_says_star()
    {
        Rule("""{"apiGroups":["apps"],"resources":["pods"],"verbs":["get"]}""").Allows(Pods("get")).Should().BeFalse();
        Rule("""{"apiGroups":["*"],"resources":["pods"],"verbs":["get"]}""").Allows(Pods("get")).Should().BeTrue();
    }

    [Fact]
    public void ResourceNames_restrict_to_named_objects_and_never_allow_a_collection()
    {
        var rule = Rule("""{"apiGroups":[""],"resources":["pods"],"resourceNames":["p"],"verbs":["get","list"]}""");
        rule.Allows(Pods("get", name: "p")).Should().BeTrue();
        rule.Allows(Pods("get", name: "q")).Should().BeFalse();
        rule.Allows(Pods("list", name: null)).Should().BeFalse();
    }

    [Fact]
    public void NonResourceURLs_match_exactly_or_by_a_trailing_star_and_never_a_resource_request()
    {
        var rule = Rule("""{"nonResourceURLs":["/healthz","/metrics/*"],"verbs":["get"]}""");
        rule.Allows(new RequestAttributes("get", "", null, null, null, null, "/healthz")).Should().BeTrue();
        rule.Allows(new RequestAttributes("get", "", null, null, null, null, "/metrics/cadvisor")).Should().BeTrue();
        rule.Allows(new RequestAttributes("get", "", null, null, null, null, "/version")).Should().BeFalse();
        rule.Allows(Pods("get")).Should().BeFalse();
    }

    [Fact]
    public void The_403_message_is_worded_as_kube_apiserver_words_it()
    {
        var user = UserInfo.ServiceAccount("ns", "sa");
        Forbidden.Message(user, Pods("delete", name: "x")).Should().Be(
            "pods \"x\" is forbidden: User \"system:serviceaccount:ns:sa\" cannot delete resource \"pods\" in API group \"\" in the namespace \"ns\"");
        Forbidden.Message(user, new RequestAttributes("create", "", "pods", "eviction", "ns", "x", "/")).Should().Be(
            "pods \"x\" is forbidden: User \"system:serviceaccount:ns:sa\" cannot create resource \"pods/eviction\" in API group \"\" in the namespace \"ns\"");
        Forbidden.Message(user, new RequestAttributes("list", "apps", "deployments", null, "ns", null, "/")).Should().Be(
            "deployments.apps is forbidden: User \"system:serviceaccount:ns:sa\" cannot list resource \"deployments\" in API group \"apps\" in the namespace \"ns\"");
        Forbidden.Message(user, new RequestAttributes("patch", "", "nodes", null, null, "n1", "/")).Should().Be(
            "nodes \"n1\" is forbidden: User \"system:serviceaccount:ns:sa\" cannot patch resource \"nodes\" in API group \"\" at the cluster scope");
        Forbidden.Message(user, new RequestAttributes("get", "", null, null, null, null, "/logs")).Should().Be(
            "forbidden: User \"system:serviceaccount:ns:sa\" cannot get path \"/logs\"");
    }
}
