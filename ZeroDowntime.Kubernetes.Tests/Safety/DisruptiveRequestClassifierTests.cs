using FluentAssertions;
using Xunit;
using ZeroDowntime.Kubernetes.Safety;

namespace ZeroDowntime.Kubernetes.Tests.Safety;

public class DisruptiveRequestClassifierTests
{
    public static TheoryData<string, string, string> DisruptiveRequests => new()
    {
        { "DELETE", "/api/v1/namespaces/default/pods/ray-worker-abc", "DELETE pod default/ray-worker-abc" },
        { "DELETE", "/api/v1/namespaces/default/pods?labelSelector=ray.io%2Fnode-type%3Dworker", "DELETE pods in namespace default matching 'ray.io/node-type=worker'" },
        { "POST", "/api/v1/namespaces/default/pods/ray-worker-abc/eviction", "evict pod default/ray-worker-abc" },
        { "PATCH", "/api/v1/nodes/ip-10-0-1-5", "PATCH node ip-10-0-1-5" },
        { "PUT", "/api/v1/nodes/ip-10-0-1-5", "PUT node ip-10-0-1-5" },
        { "DELETE", "/api/v1/nodes/ip-10-0-1-5", "DELETE node ip-10-0-1-5" },
        { "PATCH", "/apis/apps/v1/namespaces/default/deployments/web/scale", "PATCH deployment default/web (scale)" },
        { "PUT", "/apis/apps/v1/namespaces/default/statefulsets/redis", "PUT statefulset default/redis" },
        { "DELETE", "/apis/apps/v1/namespaces/default/statefulsets/redis", "DELETE statefulset default/redis" },
        { "DELETE", "/apis/apps/v1/namespaces/default/replicasets/web-5d8f", "DELETE replicaset default/web-5d8f" },
        { "PATCH", "/apis/apps/v1/namespaces/kube-system/daemonsets/aws-node", "PATCH daemonset kube-system/aws-node" },
        { "DELETE", "/api/v1/namespaces/default/services/ray-serve-nlb", "DELETE service default/ray-serve-nlb" },
        { "PATCH", "/api/v1/namespaces/default/services/ray-serve-nlb", "PATCH service default/ray-serve-nlb" },
        { "PATCH", "/api/v1/namespaces/default/pods/ray-worker-abc", "PATCH pod default/ray-worker-abc" },
        { "DELETE", "/apis/policy/v1/namespaces/default/poddisruptionbudgets/ray-worker-pdb", "DELETE poddisruptionbudget default/ray-worker-pdb" },
        { "PATCH", "/apis/policy/v1/namespaces/default/poddisruptionbudgets/ray-worker-pdb", "PATCH poddisruptionbudget default/ray-worker-pdb" },
        { "POST", "/apis/networking.k8s.io/v1/namespaces/default/networkpolicies", "POST networkpolicy in namespace default" },
        { "PUT", "/apis/networking.k8s.io/v1/namespaces/default/networkpolicies/partition", "PUT networkpolicy default/partition" },
        { "DELETE", "/apis/networking.k8s.io/v1/namespaces/default/networkpolicies/partition", "DELETE networkpolicy default/partition" },
        { "PATCH", "/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers/web", "PATCH horizontalpodautoscaler default/web" },
        { "DELETE", "/api/v1/namespaces/default", "DELETE namespace default" },
        { "DELETE", "/apis/ray.io/v1/namespaces/default/rayservices/vllm", "DELETE rayservice default/vllm" },
        { "POST", "/api/v1/namespaces/default/pods/ray-head-0/exec?command=kill", "POST pod default/ray-head-0 (exec)" },
        { "POST", "/api/v1/namespaces/default/pods/ray-worker-abc/zerodowntime-kill?container=ray-worker", "POST pod default/ray-worker-abc (zerodowntime-kill)" },
        { "DELETE", "/apis/networking.k8s.io/v1/namespaces/default/networkpolicies?labelSelector=zerodowntime.io%2Frun%3Dzd-1", "DELETE networkpolicies in namespace default matching 'zerodowntime.io/run=zd-1'" },
        { "PATCH", "/api/v1/namespaces/default/configmaps/ray-config", "PATCH configmap default/ray-config" },
    };

    public static TheoryData<string, string> HarmlessRequests => new()
    {
        { "GET", "/api/v1/namespaces/default/pods?labelSelector=ray.io%2Fnode-type%3Dworker" },
        { "GET", "/api/v1/namespaces/default/pods?watch=true&resourceVersion=12" },
        { "GET", "/api/v1/watch/namespaces/default/pods" },
        { "GET", "/api/v1/nodes/ip-10-0-1-5" },
        { "GET", "/api/v1/namespaces/default/pods/k6-abc/log?follow=true" },
        { "GET", "/apis/policy/v1/namespaces/default/poddisruptionbudgets" },
        { "HEAD", "/api/v1/namespaces/default/pods" },
        { "POST", "/apis/batch/v1/namespaces/default/jobs" },
        { "POST", "/api/v1/namespaces/default/configmaps" },
        { "POST", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews" },
        { "DELETE", "/apis/batch/v1/namespaces/default/jobs/zd-k6-20250101" },
        { "DELETE", "/api/v1/namespaces/default/configmaps/zd-k6-script" },
        { "DELETE", "/api/v1/namespaces/default/configmaps?labelSelector=zerodowntime.io%2Frun%3Dabc" },
        { "PATCH", "/api/v1/namespaces/default/pods/k6-abc:6565/proxy/v1/status" },
        { "POST", "/api/v1/namespaces/default/services/ray-head-svc:8265/proxy/api/v0/nodes" },
        { "GET", "/version" },
        { "POST", "/healthz" },
    };

    [Theory]
    [MemberData(nameof(DisruptiveRequests))]
    public void Disruptive_requests_are_recognised_and_described(string method, string path, string description)
    {
        var result = DisruptiveRequestClassifier.Classify(new HttpMethod(method), new Uri("https://api.example:6443" + path));

        result.Should().NotBeNull();
        result!.Description.Should().Be(description);
    }

    [Theory]
    [MemberData(nameof(HarmlessRequests))]
    public void Reads_the_suites_own_artifacts_and_proxy_traffic_are_not_disruptive(string method, string path)
    {
        DisruptiveRequestClassifier.Classify(new HttpMethod(method), new Uri("https://api.example:6443" + path))
            .Should().BeNull();
    }

    [Fact]
    public void A_relative_uri_is_classified_like_an_absolute_one()
    {
        var result = DisruptiveRequestClassifier.Classify(HttpMethod.Delete, new Uri("/api/v1/namespaces/ns/pods/p", UriKind.Relative));

        result.Should().Be(new DisruptiveRequest("DELETE", "pods", "ns", "p", null, "DELETE pod ns/p"));
    }

    [Fact]
    public void The_eviction_record_carries_its_parts()
    {
        var result = DisruptiveRequestClassifier.Classify(HttpMethod.Post, new Uri("https://h/api/v1/namespaces/default/pods/w-1/eviction"));

        result.Should().Be(new DisruptiveRequest("POST", "pods", "default", "w-1", "eviction", "evict pod default/w-1"));
    }
}
