using FluentAssertions;
using Microsoft.AspNetCore.Http;
using ZeroDowntime.LocalCluster.Http;
using ZeroDowntime.LocalCluster.Storage;

namespace ZeroDowntime.LocalCluster.Tests.Security;

/// <summary>What a request asks for, as kube-apiserver's RequestInfoFactory reads it: the input of every RBAC decision.</summary>
public sealed class RequestAttributesTests
{
    [Theory]
    [InlineData("GET", "/api/v1/namespaces/default/pods", "", "list", "", "pods", "default", null)]
    [InlineData("GET", "/api/v1/namespaces/default/pods", "watch=true", "watch", "", "pods", "default", null)]
    [InlineData("DELETE", "/api/v1/namespaces/default/pods/p1", "", "delete", "", "pods", "default", "p1")]
    // An aggregated API the catalog does not hold is still a resource request: RBAC rules on pods.metrics.k8s.io apply,
    // not the discovery rule every authenticated user has for /apis/*.
    [InlineData("GET", "/apis/metrics.k8s.io/v1beta1/namespaces/default/pods", "", "list", "metrics.k8s.io", "pods", "default", null)]
    [InlineData("GET", "/apis/metrics.k8s.io/v1beta1/namespaces/default/pods/p1", "", "get", "metrics.k8s.io", "pods", "default", "p1")]
    [InlineData("GET", "/apis/metrics.k8s.io/v1beta1/nodes", "", "list", "metrics.k8s.io", "nodes", null, null)]
    [InlineData("GET", "/apis/metrics.k8s.io/v1beta1/watch/namespaces/default/pods", "", "watch", "metrics.k8s.io", "pods", "default", null)]
    public void A_request_is_read_as_verb_group_resource_namespace_and_name(string method, string path, string query, string verb, string group,
        string resource, string? ns, string? name)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = method;
        http.Request.Path = path;
        http.Request.QueryString = query.Length > 0 ? new QueryString("?" + query) : QueryString.Empty;

        var attributes = RequestGuard.AttributesOf(http.Request, ResourceCatalog.Default);

        (attributes.Verb, attributes.Group, attributes.Resource, attributes.Namespace, attributes.Name).Should().Be((verb, group, resource, ns, name));
    }

    [Fact]
    public void Discovery_of_an_aggregated_group_stays_a_non_resource_request()
    {
        var http = new DefaultHttpContext();
        http.Request.Method = "GET";
        http.Request.Path = "/apis/metrics.k8s.io/v1beta1";

        RequestGuard.AttributesOf(http.Request, ResourceCatalog.Default).Resource.Should().BeNull();
    }
}
