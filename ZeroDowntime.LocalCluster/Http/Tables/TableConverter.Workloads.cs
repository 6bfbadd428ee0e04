using System.Text.Json.Nodes;
using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Storage;

namespace ZeroDowntime.LocalCluster.Http.Tables;

internal static partial class TableConverter
{
    private static readonly TableColumn[] DeploymentColumns =
    [
        NameColumn,
        new("Ready", "string", "Number of the pod with ready state", 0,
            (o, _) => $"{Int(o.GetInt64("status", "readyReplicas"))}/{Int(o.GetInt64("spec", "replicas"))}"),
        new("Up-to-date", "integer", "Total number of non-terminated pods targeted by this deployment that have the desired template spec.", 0,
            (o, _) => o.GetInt64("status", "updatedReplicas") ?? 0),
        new("Available", "integer", "Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.", 0,
            (o, _) => o.GetInt64("status", "availableReplicas") ?? 0),
        AgeColumn,
        new("Containers", "string", "Names of each container in the template.", 1, (o, _) => Containers(o, "name")),
        new("Images", "string", "Images referenced by each container in the template.", 1, (o, _) => Containers(o, "image")),
        new("Selector", "string", "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.", 1,
            (o, _) => Selector(o)),
    ];

    private static readonly TableColumn[] StatefulSetColumns =
    [
        NameColumn,
        new("Ready", "string", "Number of the pod with ready state", 0,
            (o, _) => $"{Int(o.GetInt64("status", "readyReplicas"))}/{Int(o.GetInt64("spec", "replicas"))}"),
        AgeColumn,
        new("Containers", "string", "Names of each container in the template.", 1, (o, _) => Containers(o, "name")),
        new("Images", "string", "Images referenced by each container in the template.", 1, (o, _) => Containers(o, "image")),
    ];

    private static readonly TableColumn[] ReplicaSetColumns =
    [
        NameColumn,
        new("Desired", "integer", "Number of desired pods.", 0, (o, _) => o.GetInt64("spec", "replicas") ?? 0),
        new("Current", "integer", "Number of actual replicas.", 0, (o, _) => o.GetInt64("status", "replicas") ?? 0),
        new("Ready", "integer", "Number of ready replicas.", 0, (o, _) => o.GetInt64("status", "readyReplicas") ?? 0),
        AgeColumn,
        new("Containers", "string", "Names of each container in the template.", 1, (o, _) => Containers(o, "name")),
        new("Images", "string", "Images referenced by each container in the template.", 1, (o, _) => Containers(o, "image")),
        new("Selector", "string", "Label selector for pods.", 1, (o, _) => Selector(o)),
    ];

    private static readonly TableColumn[] JobColumns =
    [
        NameColumn,
        new("Status", "string", "Status of the job.", 0, (o, _) => JobStatus(o)),
        new("Completions", "string", "The completion status of the job.", 0,
            (o, _) => o.GetInt64("spec", "completions") is { } c ? $"{Int(o.GetInt64("status", "succeeded"))}/{Int(c)}" : $"{Int(o.GetInt64("status", "succeeded"))}/1 of {Int(o.GetInt64("spec", "parallelism"))}"),
        new("Duration", "string", "Time required to complete the job.", 0, (o, now) => JobDuration(o, now)),
        AgeColumn,
        new("Containers", "string", "Names of each container in the template.", 1, (o, _) => Containers(o, "name")),
        new("Images", "string", "Images referenced by each container in the template.", 1, (o, _) => Containers(o, "image")),
        new("Selector", "string", "Label selector for pods.", 1, (o, _) => Selector(o)),
    ];


    private static string Containers(JsonObject workload, string field)
    {
        var containers = (workload.GetNode("spec", "template", "spec", "containers") as JsonArray)?.OfType<JsonObject>() ?? [];
        return string.Join(",", containers.Select(c => c.GetString(field) ?? ""));
    }

    private static string Selector(JsonObject workload) =>
        LabelSelectorMatcher.FromJson(workload.GetNode("spec", "selector") as JsonObject)?.ToString() is { Length: > 0 } s ? s : "<none>";

    private static string JobStatus(JsonObject job)
    {
        bool Has(string type) => job.Condition(type)?.GetString("status") == "True";
        if (Has("Complete")) return "Complete";
        if (Has("Failed")) return "Failed";
        if (job.GetNode("metadata", "deletionTimestamp") is not null) return "Terminating";
        if (Has("FailureTarget")) return "FailureTarget";
        if (Has("SuccessCriteriaMet")) return "SuccessCriteriaMet";
        if (Has("Suspended")) return "Suspended";
        return "Running";
    }

    private static string JobDuration(JsonObject job, DateTimeOffset now)
    {
        var start = job.GetString("status", "startTime");
        if (start is null)
        {
            return "";
        }

        var end = job.GetString("status", "completionTime");
        var endTime = end is not null && DateTimeOffset.TryParse(end, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : now;
        return DateTimeOffset.TryParse(start, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal, out var begin) ? HumanDuration.Format(endTime - begin) : "";
    }
}
