using System.Text.Json.Nodes;
using ZeroDowntime.LocalCluster.Storage;

namespace ZeroDowntime.LocalCluster.Cluster;

/// <summary>
/// The API server's own defaulting for the fields clients and controllers rely on: pod phase and
/// grace period, Deployment/StatefulSet/ReplicaSet/Job spec defaults (maxSurge/maxUnavailable
/// 25%, replicas 1...), Service cluster IPs and ports, Namespace phase, PDB status.
/// </summary>
public sealed class BuiltinDefaults : IAdmissionHook
{
    private int _nextClusterIp = 10;
    private int _nextNodePort = 30000;

    /// <inheritdoc />
    public void Admit(AdmissionContext request)
    {
        if (request.Subresource is not null)
        {
            return;
        }

        var obj = request.Object;
        switch (request.Resource.Group, request.Resource.Kind)
        {
            case ("", "Pod"):
                DefaultPodSpec(obj.Ensure("spec"));
                if (request.Operation == AdmissionOperation.Create)
                {
                    DefaultRequestsToLimits(obj.Ensure("spec"));
                    obj.Ensure("status")["phase"] ??= "Pending";
                    // As the API server: the class is computed once, at creation, and never changes.
                    obj.Ensure("status")["qosClass"] = PodQos.Of(obj.Ensure("spec"));
                }

                break;
            case ("", "Namespace"):
                obj.Ensure("status")["phase"] ??= "Active";
                obj.Ensure("metadata", "labels")["kubernetes.io/metadata.name"] = obj.Name();
                break;
            case ("", "Service"):
                DefaultService(obj, request.OldObject);
                break;
            case ("apps", "Deployment"):
                DefaultDeployment(obj.Ensure("spec"));
                break;
            case ("apps", "StatefulSet"):
                var sts = obj.Ensure("spec");
                sts["replicas"] ??= 1;
                sts["podManagementPolicy"] ??= "OrderedReady";
                sts["revisionHistoryLimit"] ??= 10;
                sts["updateStrategy"] ??= new JsonObject { ["type"] = "RollingUpdate", ["rollingUpdate"] = new JsonObject { ["partition"] = 0 } };
                DefaultPodSpec(sts.Ensure("template", "spec"));
                break;
            case ("apps", "ReplicaSet"):
                obj.Ensure("spec")["replicas"] ??= 1;
                DefaultPodSpec(obj.Ensure("spec", "template", "spec"));
                break;
            case ("batch", "Job"):
                DefaultJob(obj, request.Operation);
                break;
            case ("autoscaling", "HorizontalPodAutoscaler"):
                DefaultHorizontalPodAutoscaler(obj, request.Operation);
                break;
            case ("policy", "PodDisruptionBudget") when request.Operation == AdmissionOperation.Create:
                obj["status"] = new JsonObject
                {
                    ["disruptionsAllowed"] = 0, ["currentHealthy"] = 0, ["desiredHealthy"] = 0, ["expectedPods"] = 0,
                };
                break;
        }
    }

    private static void DefaultPodSpec(JsonObject spec)
    {
        spec["terminationGracePeriodSeconds"] ??= 30;
        spec["restartPolicy"] ??= "Always";
        spec["dnsPolicy"] ??= "ClusterFirst";
        spec["schedulerName"] ??= "default-scheduler";
    }

    /// <summary>A container request left out defaults to its limit (SetDefaults_Pod).</summary>
    private static void DefaultRequestsToLimits(JsonObject spec)
    {
        var containers = (spec["containers"] as JsonArray ?? []).Concat(spec["initContainers"] as JsonArray ?? []).OfType<JsonObject>();
        foreach (var container in containers)
        {
            if (container["resources"]?["limits"] is not JsonObject { Count: > 0 } limits)
            {
                continue;
            }

            var requests = container.Ensure("resources", "requests");
            foreach (var (name, limit) in limits)
            {
                requests[name] ??= limit?.DeepClone();
            }
        }
    }

    private static void DefaultDeployment(JsonObject spec)
    {
        spec["replicas"] ??= 1;
        spec["revisionHistoryLimit"] ??= 10;
        spec["progressDeadlineSeconds"] ??= 600;
        var strategy = spec.Ensure("strategy");
        strategy["type"] ??= "RollingUpdate";
        if (strategy.GetString("type") == "RollingUpdate")
        {
            var rolling = strategy.Ensure("rollingUpdate");
            rolling["maxSurge"] ??= "25%";
            rolling["maxUnavailable"] ??= "25%";
        }

        DefaultPodSpec(spec.Ensure("template", "spec"));
    }

    /// <summary>autoscaling/v2 defaults: minReplicas 1, a CPU target of 80% when no metric is given, and a given behavior completed with the default rules.</summary>
    private static void DefaultHorizontalPodAutoscaler(JsonObject hpa, AdmissionOperation operation)
    {
        var spec = hpa.Ensure("spec");
        spec["minReplicas"] ??= 1;
        if (spec["metrics"] is not JsonArray { Count: > 0 })
        {
            spec["metrics"] = new JsonArray(new JsonObject
            {
                ["type"] = "Resource",
                ["resource"] = new JsonObject
                {
                    ["name"] = "cpu",
                    ["target"] = new JsonObject { ["type"] = "Utilization", ["averageUtilization"] = Conversion.HorizontalPodAutoscalerV1Converter.DefaultCpuUtilization },
                },
            });
        }

        if (spec["behavior"] is JsonObject behavior)
        {
            // Scale-up: no stabilization, at most max(4 pods, 100%) per 15 s; scale-down: 100% per 15 s, window from the controller.
            DefaultRules(behavior.Ensure("scaleUp"), 0, Policy("Pods", 4), Policy("Percent", 100));
            DefaultRules(behavior.Ensure("scaleDown"), null, Policy("Percent", 100));
        }

        if (operation == AdmissionOperation.Create)
        {
            // desiredReplicas has no omitempty in autoscaling/v2: a new autoscaler reports 0.
            hpa.Ensure("status")["desiredReplicas"] ??= 0;
        }

        static JsonObject Policy(string type, int value) => new() { ["type"] = type, ["value"] = value, ["periodSeconds"] = 15 };

        static void DefaultRules(JsonObject rules, int? stabilizationWindowSeconds, params JsonObject[] policies)
        {
            if (stabilizationWindowSeconds is { } window)
            {
                rules["stabilizationWindowSeconds"] ??= window;
            }

            rules["selectPolicy"] ??= "Max";
            rules["policies"] ??= new JsonArray([.. policies]);
        }
    }

    private static void DefaultJob(JsonObject job, AdmissionOperation operation)
    {
        var spec = job.Ensure("spec");
        spec["parallelism"] ??= 1;
        spec["backoffLimit"] ??= 6;
        spec["completionMode"] ??= "NonIndexed";
        spec["suspend"] ??= false;
        if (spec["completions"] is null && spec.GetInt64("parallelism") == 1)
        {
            spec["completions"] = 1;
        }

        var template = spec.Ensure("template");
        template.Ensure("spec")["restartPolicy"] ??= "Never";
        DefaultPodSpec(template.Ensure("spec"));
        if (operation == AdmissionOperation.Create && spec.GetBool("manualSelector") != true)
        {
            // As the API server does: the Job's pods are selected by its uid.
            var uid = job.Uid();
            var labels = template.Ensure("metadata", "labels");
            labels["batch.kubernetes.io/controller-uid"] = uid;
            labels["batch.kubernetes.io/job-name"] = job.Name();
            labels["controller-uid"] = uid;
            labels["job-name"] = job.Name();
            spec["selector"] ??= new JsonObject { ["matchLabels"] = new JsonObject { ["batch.kubernetes.io/controller-uid"] = uid } };
        }
    }

    private void DefaultService(JsonObject service, JsonObject? old)
    {
        var spec = service.Ensure("spec");
        spec["type"] ??= "ClusterIP";
        spec["sessionAffinity"] ??= "None";
        var type = spec.GetString("type");
        if (type != "ExternalName")
        {
            var oldIp = old?.GetString("spec", "clusterIP");
            if (spec["clusterIP"] is null || spec.GetString("clusterIP") == "")
            {
                spec["clusterIP"] = oldIp ?? AllocateClusterIp();
            }

            spec["clusterIPs"] ??= new JsonArray(spec.GetString("clusterIP"));
            spec["ipFamilies"] ??= new JsonArray("IPv4");
            spec["ipFamilyPolicy"] ??= "SingleStack";
            spec["internalTrafficPolicy"] ??= "Cluster";
        }

        if (spec["ports"] is JsonArray ports)
        {
            var oldPorts = old?.GetNode("spec", "ports") as JsonArray;
            foreach (var port in ports.OfType<JsonObject>())
            {
                port["protocol"] ??= "TCP";
                port["targetPort"] ??= port["port"]?.DeepClone();
                if (type is "NodePort" or "LoadBalancer" && port["nodePort"] is null)
                {
                    var previous = oldPorts?.OfType<JsonObject>().FirstOrDefault(p => JsonNode.DeepEquals(p["port"], port["port"]))?["nodePort"];
                    port["nodePort"] = previous?.DeepClone() ?? Interlocked.Increment(ref _nextNodePort);
                }
            }
        }

        if (type == "LoadBalancer")
        {
            service.Ensure("status", "loadBalancer");
        }
    }

    private string AllocateClusterIp()
    {
        var n = Interlocked.Increment(ref _nextClusterIp);
        return $"10.96.{n / 256}.{n % 256}";
    }
}
