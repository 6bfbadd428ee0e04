using System.Text.Json.Nodes;
using ZeroDowntime.Fixtures.Tests.Fakes;

namespace ZeroDowntime.Fixtures.Tests.Recording;

/// <summary>Pod and node objects for recorder tests, changed through the fake API server as a kubelet and controllers would.</summary>
internal static class FakeTopology
{
    public const string Namespace = "zd";

    public static JsonObject AddPod(this FakeKubeApiServer api, string name, string role, string? node = null, bool ready = false, string? readySince = null) =>
        api.Put("pods", Namespace, new JsonObject
        {
            ["apiVersion"] = "v1", ["kind"] = "Pod",
            ["metadata"] = new JsonObject { ["name"] = name, ["uid"] = "uid-" + name, ["labels"] = new JsonObject { ["ray.io/node-type"] = role } },
            ["spec"] = new JsonObject { ["nodeName"] = node, ["containers"] = new JsonArray() },
            ["status"] = Status(ready, readySince),
        });

    public static void Schedule(this FakeKubeApiServer api, string pod, string node) =>
        api.Update("pods", Namespace, pod, o => o["spec"]!["nodeName"] = node);

    public static void SetReady(this FakeKubeApiServer api, string pod, bool ready, string? since = null) =>
        api.Update("pods", Namespace, pod, o => o["status"] = Status(ready, since));

    public static void StartTerminating(this FakeKubeApiServer api, string pod) =>
        api.Update("pods", Namespace, pod, o => o["metadata"]!["deletionTimestamp"] = FakeJobRunner.Now());

    public static void DeletePod(this FakeKubeApiServer api, string pod) => api.Remove("pods", Namespace, pod);

    public static JsonObject AddNode(this FakeKubeApiServer api, string name, bool ready = true, bool cordoned = false) =>
        api.Put("nodes", null, new JsonObject
        {
            ["apiVersion"] = "v1", ["kind"] = "Node",
            ["metadata"] = new JsonObject { ["name"] = name },
            ["spec"] = new JsonObject { ["unschedulable"] = cordoned ? true : null },
            ["status"] = new JsonObject { ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Ready", ["status"] = ready ? "True" : "False", ["reason"] = ready ? "KubeletReady" : "NodeStatusUnknown" }) },
        });

    public static void SetNode(this FakeKubeApiServer api, string name, bool ready, bool cordoned) =>
        api.Update("nodes", null, name, o =>
        {
            o["spec"] = new JsonObject { ["unschedulable"] = cordoned ? true : null };
            o["status"] = new JsonObject { ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Ready", ["status"] = ready ? "True" : "False", ["reason"] = ready ? "KubeletReady" : "NodeStatusUnknown" }) };
        });

    private static JsonObject Status(bool ready, string? since) => new()
    {
        ["phase"] = "Running",
        ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Ready", ["status"] = ready ? "True" : "False", ["lastTransitionTime"] = since ?? "2026-01-01T12:00:00Z" }),
    };
}
