using System.Text.Json.Nodes;
using FluentAssertions;
using k8s.Models;
using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Controllers.Infrastructure;
using ZeroDowntime.LocalCluster.Controllers.Workloads;
using ZeroDowntime.LocalCluster.Tests.Controllers.Support;
using Xunit;

namespace ZeroDowntime.LocalCluster.Tests.Controllers;

public sealed class TypedTests
{
    [Fact]
    public void Overlay_sets_known_fields_removes_those_left_null_and_keeps_unknown_ones()
    {
        var status = TestApi.Json("""{ "replicas": 1, "readyReplicas": 5, "futureField": { "kept": true } }""");

        Typed.Overlay(status, new V1ReplicaSetStatus { Replicas = 3, AvailableReplicas = 2 });

        status.GetInt64("replicas").Should().Be(3);
        status.GetInt64("availableReplicas").Should().Be(2);
        status.ContainsKey("readyReplicas").Should().BeFalse("the model knows readyReplicas and leaves it null");
        status.GetBool("futureField", "kept").Should().BeTrue("the model does not know futureField, so another writer owns it");
    }

    [Fact]
    public void A_replica_set_status_written_by_its_controller_keeps_fields_the_model_does_not_know()
    {
        var api = TestApi.Create();
        api.ReplicaSets.Create(TestApi.Json("""
            { "metadata": { "name": "rs", "namespace": "default" },
              "spec": { "replicas": 0, "selector": { "matchLabels": { "app": "rs" } },
                        "template": { "metadata": { "labels": { "app": "rs" } }, "spec": { "containers": [ { "name": "c", "image": "img" } ] } } } }
            """));
        api.ReplicaSets.Mutate("default", "rs", o => o["status"] = TestApi.Json("""{ "replicas": 7, "futureField": "x" }"""), status: true);

        new ReplicaSetController(TestApi.Settings).ReconcileNow(api, "default/rs");

        var status = api.ReplicaSets.Get("default", "rs")["status"]!.AsObject();
        status.GetInt64("replicas").Should().Be(0);
        status.GetInt64("observedGeneration").Should().Be(1);
        status.GetString("futureField").Should().Be("x");
    }

    [Fact]
    public void Model_timestamps_read_as_utc_instants()
    {
        var pod = TestApi.Json("""{ "metadata": { "name": "p", "creationTimestamp": "2025-01-01T10:00:00Z" } }""").As<V1Pod>();

        pod.Metadata.CreationTimestamp!.Value.At().Should().Be(new DateTimeOffset(2025, 1, 1, 10, 0, 0, TimeSpan.Zero));
        new DateTime(2025, 1, 1, 10, 0, 0, DateTimeKind.Unspecified).At().Offset.Should().Be(TimeSpan.Zero);
    }
}
