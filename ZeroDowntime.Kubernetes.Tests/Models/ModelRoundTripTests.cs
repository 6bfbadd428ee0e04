using System.Text.Json.Nodes;
using FluentAssertions;
using ZeroDowntime.Kubernetes.Legacy.Models;

namespace ZeroDowntime.Kubernetes.Tests.Models;

public class ModelRoundTripTests
{
    private const string PodJson = """
    {
      "apiVersion": "v1",
      "kind": "Pod",
      "metadata": {
        "name": "ray-worker-0",
        "namespace": "ray",
        "uid": "1b2c",
        "resourceVersion": "42",
        "creationTimestamp": "2024-05-01T10:00:00Z",
        "labels": { "ray.io/node-type": "worker" },
        "managedFields": [ { "manager": "kubectl", "operation": "Update" } ],
        "ownerReferences": [ { "apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "rs", "uid": "9", "controller": true, "futureField": 1 } ]
      },
      "spec": {
        "nodeName": "node-a",
        "containers": [ {
          "name": "worker",
          "image": "rayproject/ray:2.9",
          "ports": [ { "containerPort": 8000, "name": "http", "protocol": "TCP" } ],
          "env": [ { "name": "POD_IP", "valueFrom": { "fieldRef": { "fieldPath": "status.podIP" } } } ],
          "readinessProbe": { "httpGet": { "path": "/healthz", "port": "http" }, "periodSeconds": 5 },
          "lifecycle": { "preStop": { "sleep": { "seconds": 10 } } },
          "volumeMounts": [ { "name": "shm", "mountPath": "/dev/shm" } ]
        } ],
        "affinity": { "podAntiAffinity": { "requiredDuringSchedulingIgnoredDuringExecution": [
          { "labelSelector": { "matchLabels": { "app": "ray" } }, "topologyKey": "kubernetes.io/hostname" } ] } },
        "volumes": [ { "name": "shm", "emptyDir": { "medium": "Memory" } } ]
      },
      "status": {
        "phase": "Running",
        "podIP": "10.0.0.7",
        "podIPs": [ { "ip": "10.0.0.7" } ],
        "conditions": [ { "type": "Ready", "status": "True", "lastTransitionTime": "2024-05-01T10:00:05Z" } ],
        "containerStatuses": [ { "name": "worker", "ready": true, "restartCount": 2,
          "state": { "running": { "startedAt": "2024-05-01T10:00:03Z" } } } ],
        "qosClass": "Burstable"
      }
    }
    """;

    [Fact]
    public void A_pod_reads_into_typed_fields()
    {
        var pod = KubeJson.Deserialize<Pod>(PodJson);

        pod.Metadata.Labels!["ray.io/node-type"].Should().Be("worker");
        pod.Spec!.NodeName.Should().Be("node-a");
        pod.Spec.Containers[0].Ports![0].Port.Should().Be(8000);
        pod.Spec.Containers[0].ReadinessProbe!.HttpGet!.Port.StringValue.Should().Be("http");
        pod.Spec.Containers[0].Env![0].ValueFrom!.FieldRef!.FieldPath.Should().Be("status.podIP");
        pod.Spec.Containers[0].Lifecycle!.PreStop!.Sleep!.Seconds.Should().Be(10);
        pod.Spec.Affinity!.PodAntiAffinity!.RequiredDuringSchedulingIgnoredDuringExecution![0].TopologyKey.Should().Be("kubernetes.io/hostname");
        pod.Status!.PodIPs![0].Ip.Should().Be("10.0.0.7");
        pod.Status.ContainerStatuses![0].State!.Running!.StartedAt.Should().Be(new DateTimeOffset(2024, 5, 1, 10, 0, 3, TimeSpan.Zero));
        pod.Metadata.CreationTimestamp.Should().Be(new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void Unknown_fields_survive_a_read_modify_write_round_trip()
    {
        var pod = KubeJson.Deserialize<Pod>(PodJson);

        var modified = pod with { Spec = pod.Spec! with { NodeName = "node-b" } };
        var written = JsonNode.Parse(KubeJson.Serialize(modified))!;

        var expected = JsonNode.Parse(PodJson)!;
        expected["spec"]!["nodeName"] = "node-b";
        JsonNode.DeepEquals(written, expected).Should().BeTrue(
            "everything but nodeName must come back unchanged, found {0}", written.ToJsonString());
    }

    [Fact]
    public void Nulls_are_omitted_and_names_are_camel_case()
    {
        var json = KubeJson.Serialize(new Pod { Metadata = new ObjectMeta { Name = "p" }, Status = new PodStatus { PodIP = "10.1.1.1" } });

        json.Should().Be("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"status":{"podIP":"10.1.1.1"}}""");
    }

    [Fact]
    public void Timestamps_are_written_in_utc_with_a_z_like_the_api_server()
    {
        var meta = new ObjectMeta { CreationTimestamp = new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.FromHours(2)) };

        KubeJson.Serialize(meta).Should().Be("""{"creationTimestamp":"2024-05-01T10:00:00Z"}""");
    }

    [Fact]
    public void New_objects_carry_their_api_version_and_kind()
    {
        new Deployment().ApiVersion.Should().Be("apps/v1");
        new PodDisruptionBudget().Kind.Should().Be("PodDisruptionBudget");
        new HorizontalPodAutoscaler().ApiVersion.Should().Be("autoscaling/v2");
        new Eviction().ApiVersion.Should().Be("policy/v1");
        new KubeList<Node>().Kind.Should().Be("NodeList");
    }

    [Fact]
    public void List_items_without_kind_get_the_kind_filled_in()
    {
        var list = KubeJson.Deserialize<KubeList<Pod>>("""{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"7","continue":"abc"},"items":[{"metadata":{"name":"a"}}]}""");

        list.Items.Should().ContainSingle().Which.Kind.Should().Be("Pod");
        list.Metadata.Continue.Should().Be("abc");
        list.Metadata.ResourceVersion.Should().Be("7");
    }

    [Theory]
    [InlineData(typeof(Pod), "/api/v1/namespaces/ns1/pods/x")]
    [InlineData(typeof(Node), "/api/v1/nodes/x")]
    [InlineData(typeof(Deployment), "/apis/apps/v1/namespaces/ns1/deployments/x")]
    [InlineData(typeof(PodDisruptionBudget), "/apis/policy/v1/namespaces/ns1/poddisruptionbudgets/x")]
    [InlineData(typeof(EndpointSlice), "/apis/discovery.k8s.io/v1/namespaces/ns1/endpointslices/x")]
    public void Resource_info_builds_the_item_path(Type kind, string expected)
    {
        var info = (ResourceInfo)kind.GetProperty(nameof(Pod.Resource))!.GetValue(null)!;

        info.ItemPath("ns1", "x").Should().Be(expected);
    }

    [Fact]
    public void A_namespaced_collection_without_a_namespace_spans_all_namespaces()
    {
        Pod.Resource.CollectionPath(null).Should().Be("/api/v1/pods");
    }

    [Fact]
    public void A_pdb_status_and_an_eviction_refusal_read_into_typed_fields()
    {
        var pdb = KubeJson.Deserialize<PodDisruptionBudget>("""
        {"spec":{"minAvailable":"50%","selector":{"matchLabels":{"a":"b"}},"unhealthyPodEvictionPolicy":"AlwaysAllow"},
         "status":{"currentHealthy":3,"desiredHealthy":2,"disruptionsAllowed":1,"expectedPods":3,
                   "disruptedPods":{"w-1":"2024-05-01T10:00:00Z"},
                   "conditions":[{"type":"DisruptionAllowed","status":"True","reason":"SufficientPods"}]}}
        """);
        var status = KubeJson.Deserialize<Status>("""
        {"kind":"Status","apiVersion":"v1","status":"Failure","message":"Cannot evict pod as it would violate the pod's disruption budget.",
         "reason":"TooManyRequests","code":429,"details":{"causes":[{"reason":"DisruptionBudget","message":"The disruption budget w needs 2 healthy pods and has 2 currently"}]}}
        """);

        pdb.Spec!.MinAvailable!.Resolve(3, roundUp: true).Should().Be(2);
        pdb.Status!.DisruptedPods!.Should().ContainKey("w-1");
        pdb.Status.Conditions![0].Reason.Should().Be("SufficientPods");
        status.Outcome.Should().Be("Failure");
        status.Code.Should().Be(429);
        status.Details!.Causes![0].Reason.Should().Be("DisruptionBudget");
    }

    [Fact]
    public void Label_selector_renders_in_query_form()
    {
        var selector = new LabelSelector
        {
            MatchLabels = new Dictionary<string, string> { ["app"] = "ray" },
            MatchExpressions =
            [
                new LabelSelectorRequirement { Key = "tier", Operator = "In", Values = ["a", "b"] },
                new LabelSelectorRequirement { Key = "legacy", Operator = "DoesNotExist" },
            ],
        };

        selector.ToString().Should().Be("app=ray,tier in (a,b),!legacy");
    }
}
