using System.Text.Json.Nodes;
using k8s.Models;
using ZeroDowntime.LocalCluster.Patching;
using ZeroDowntime.LocalCluster.Storage;

namespace ZeroDowntime.LocalCluster.Tests;

public sealed class PatchTests
{
    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    [Fact]
    public void Merge_patch_merges_objects_replaces_lists_and_deletes_nulls()
    {
        var target = Parse("""{"a":{"b":1,"c":2},"list":[1,2],"gone":true}""");

        var result = MergePatch.Apply(target, JsonNode.Parse("""{"a":{"c":null,"d":3},"list":[9],"gone":null}"""));

        JsonNode.DeepEquals(result, JsonNode.Parse("""{"a":{"b":1,"d":3},"list":[9]}""")).Should().BeTrue(result!.ToJsonString());
    }

    [Fact]
    public void Json_patch_applies_add_replace_remove_move_copy_and_test()
    {
        var target = Parse("""{"metadata":{"labels":{"a":"1"}},"spec":{"list":["x"]}}""");

        var result = JsonPatch.Apply(target, JsonNode.Parse("""
            [{"op":"add","path":"/metadata/labels/b~1c","value":"2"},
             {"op":"replace","path":"/metadata/labels/a","value":"3"},
             {"op":"add","path":"/spec/list/-","value":"y"},
             {"op":"copy","from":"/spec/list/0","path":"/spec/first"},
             {"op":"move","from":"/spec/first","path":"/spec/moved"},
             {"op":"test","path":"/spec/moved","value":"x"},
             {"op":"remove","path":"/spec/list/0"}]
            """));

        JsonNode.DeepEquals(result, JsonNode.Parse("""{"metadata":{"labels":{"a":"3","b/c":"2"}},"spec":{"list":["y"],"moved":"x"}}"""))
            .Should().BeTrue(result.ToJsonString());
    }

    [Fact]
    public void Json_patch_test_failure_and_missing_paths_are_rejected()
    {
        var target = Parse("""{"a":1}""");

        Support.Objects.Fails(() => JsonPatch.Apply(target, JsonNode.Parse("""[{"op":"test","path":"/a","value":2}]"""))).Code.Should().Be(422);
        Support.Objects.Fails(() => JsonPatch.Apply(target, JsonNode.Parse("""[{"op":"remove","path":"/nope"}]"""))).Code.Should().Be(422);
    }

    [Fact]
    public void Strategic_merge_updates_one_container_by_name_as_kubectl_set_image_sends_it()
    {
        var deployment = Parse("""
            {"spec":{"template":{"spec":{"containers":[
              {"name":"app","image":"app:1","ports":[{"containerPort":80},{"containerPort":81}]},
              {"name":"sidecar","image":"side:1"}]}}}}
            """);

        var result = StrategicMergePatch.Apply(deployment, JsonNode.Parse("""
            {"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"app"},{"name":"sidecar"}],
              "containers":[{"image":"app:2","name":"app","ports":[{"containerPort":81,"name":"metrics"}]}]}}}}
            """));

        var containers = result["spec"]!["template"]!["spec"]!["containers"]!.AsArray();
        containers.Select(c => c!["image"]!.GetValue<string>()).Should().Equal("app:2", "side:1");
        containers[0]!["ports"]!.AsArray().Should().HaveCount(2, "ports merge by containerPort");
        containers[0]!["ports"]![1]!["name"]!.GetValue<string>().Should().Be("metrics");
    }

    [Fact]
    public void Strategic_merge_null_removes_a_field_as_kubectl_uncordon_sends_it()
    {
        var node = Parse("""{"spec":{"unschedulable":true,"podCIDR":"10.0.0.0/24"}}""");

        var result = StrategicMergePatch.Apply(node, JsonNode.Parse("""{"spec":{"unschedulable":null}}"""));

        JsonNode.DeepEquals(result, JsonNode.Parse("""{"spec":{"podCIDR":"10.0.0.0/24"}}""")).Should().BeTrue();
    }

    [Fact]
    public void Strategic_merge_honours_patch_delete_and_replace_directives_and_merges_conditions_by_type()
    {
        var pod = Parse("""
            {"spec":{"containers":[{"name":"a"},{"name":"b"}],"tolerations":[{"key":"x"}]},
             "status":{"conditions":[{"type":"Ready","status":"False"},{"type":"PodScheduled","status":"True"}]},
             "metadata":{"finalizers":["f1"],"labels":{"x":"1"}}}
            """);

        var result = StrategicMergePatch.Apply(pod, JsonNode.Parse("""
            {"spec":{"containers":[{"name":"a","$patch":"delete"}],"tolerations":[{"key":"y"}]},
             "status":{"conditions":[{"type":"Ready","status":"True"}]},
             "metadata":{"finalizers":["f2"],"labels":{"$patch":"replace","y":"2"}}}
            """));

        JsonNode.DeepEquals(result, JsonNode.Parse("""
            {"spec":{"containers":[{"name":"b"}],"tolerations":[{"key":"y"}]},
             "status":{"conditions":[{"type":"Ready","status":"True"},{"type":"PodScheduled","status":"True"}]},
             "metadata":{"finalizers":["f1","f2"],"labels":{"y":"2"}}}
            """)).Should().BeTrue(result.ToJsonString());
    }

    [Theory]
    [InlineData("application/merge-patch+json", V1Patch.PatchType.MergePatch)]
    [InlineData("application/json-patch+json", V1Patch.PatchType.JsonPatch)]
    [InlineData("application/strategic-merge-patch+json; charset=utf-8", V1Patch.PatchType.StrategicMergePatch)]
    public void Patch_content_types_map_to_patch_types(string contentType, V1Patch.PatchType expected) =>
        PatchTypes.FromContentType(contentType).Should().Be(expected);

    [Fact]
    public void Apply_patch_yaml_is_415_unsupported()
    {
        var error = Support.Objects.Fails(() => PatchTypes.FromContentType("application/apply-patch+yaml"));

        error.Code.Should().Be(415);
        error.Reason.Should().Be("UnsupportedMediaType");
    }

    [Fact]
    public void Patched_objects_keep_their_field_order()
    {
        var target = Parse("""{"apiVersion":"v1","metadata":{"name":"n","labels":{"a":"1"}},"spec":{}}""");

        var result = MergePatch.Apply(target, JsonNode.Parse("""{"metadata":{"labels":{"a":"2"}}}"""))!;

        result.ToJsonString().Should().Be("""{"apiVersion":"v1","metadata":{"name":"n","labels":{"a":"2"}},"spec":{}}""");
    }
}
