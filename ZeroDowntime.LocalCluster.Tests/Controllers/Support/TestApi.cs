using System.Text.Json.Nodes;
using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Controllers;
using ZeroDowntime.LocalCluster.Controllers.Infrastructure;
using ZeroDowntime.LocalCluster.Storage;

namespace ZeroDowntime.LocalCluster.Tests.Controllers.Support;

/// <summary>An in-memory API (no HTTP, no background loops) for driving one controller step by step.</summary>
internal static class TestApi
{
    /// <summary>Quiet settings for controllers under test.</summary>
    public static ControllerSettings Settings { get; } = new() { Log = TextWriter.Null };

    /// <summary>An API with the built-in defaulting and validation, namespace <c>default</c> and <paramref name="nodes"/> nodes.</summary>
    public static ClusterApi Create(int nodes = 4, TimeProvider? time = null)
    {
        var api = new ClusterApi(new ObjectStore(ResourceCatalog.Default), time);
        api.AdmissionHooks.Add(new BuiltinDefaults());
        api.AdmissionHooks.Add(new BuiltinValidation());
        api.Namespaces.Create(new JsonObject { ["metadata"] = new JsonObject { ["name"] = "default" } });
        NodeRegistrar.Register(api, nodes);
        return api;
    }

    /// <summary>Creates a pod with <paramref name="labels"/>, bound to <paramref name="node"/>, Running and Ready unless told otherwise.</summary>
    public static JsonObject Pod(ClusterApi api, string name, IReadOnlyDictionary<string, string> labels, string? node = "zd-node-1",
        bool ready = true, JsonObject? ownerReference = null, string phase = "Running")
    {
        var labelObject = new JsonObject();
        foreach (var (k, v) in labels)
        {
            labelObject[k] = v;
        }

        var pod = new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "default", ["labels"] = labelObject },
            ["spec"] = new JsonObject
            {
                ["containers"] = new JsonArray(new JsonObject { ["name"] = "c", ["image"] = "nginx:1" }),
            },
        };
        if (node is not null)
        {
            pod["spec"]!["nodeName"] = node;
        }

        if (ownerReference is not null)
        {
            pod["metadata"]!["ownerReferences"] = new JsonArray(ownerReference.DeepClone());
        }

        api.Pods.Create(pod);
        return SetStatus(api, name, phase, ready);
    }

    /// <summary>Sets a pod's phase and Ready condition.</summary>
    public static JsonObject SetStatus(ClusterApi api, string name, string phase, bool ready) =>
        api.Pods.Mutate("default", name, o =>
        {
            o.Ensure("status")["phase"] = phase;
            o.Ensure("status")["podIP"] = $"10.0.0.{Math.Abs(name.GetHashCode()) % 250 + 2}";
            PodConditions.Set(o, "Ready", ready ? "True" : "False", null, null, api.Timestamp());
        }, status: true);

    /// <summary>An ownerReference with controller=true to <paramref name="owner"/>.</summary>
    public static JsonObject ControllerRef(JsonObject owner) => new()
    {
        ["apiVersion"] = owner.GetString("apiVersion"),
        ["kind"] = owner.GetString("kind"),
        ["name"] = owner.Name(),
        ["uid"] = owner.Uid(),
        ["controller"] = true,
    };

    /// <summary>Parses YAML-free JSON text into an object (tests keep manifests short).</summary>
    public static JsonObject Json(string json) => JsonNode.Parse(json)!.AsObject();
}
