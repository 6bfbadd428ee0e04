using System.Text.Json.Nodes;
using ZeroDowntime.LocalCluster.Cluster;

namespace ZeroDowntime.LocalCluster.Http.Tables;

internal static partial class TableConverter
{
    // The columns of the API server's event printer (printers.go, printEvent), generated wide as the server does;
    // kubectl shows the priority-0 ones: LAST SEEN, TYPE, REASON, OBJECT, MESSAGE.
    private static readonly TableColumn[] EventColumns =
    [
        new("Last Seen", "string", "The time at which the most recent occurrence of this event was recorded.", 0, (o, now) => EventLastSeen(o, now)),
        new("Type", "string", "Type of this event (Normal, Warning), new types could be added in the future", 0, (o, _) => o.GetString("type") ?? ""),
        new("Reason", "string", "This should be a short, machine understandable string that gives the reason for the transition into the object's current status.", 0,
            (o, _) => o.GetString("reason") ?? ""),
        new("Object", "string", "The object that this event is about.", 0, (o, _) => EventTarget(o)),
        new("Subobject", "string", "If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2].", 1,
            (o, _) => o.GetString("involvedObject", "fieldPath") ?? ""),
        new("Source", "string", "The component reporting this event. Should be a short machine understandable string.", 1, (o, _) => EventSource(o)),
        new("Message", "string", "A human-readable description of the status of this operation.", 0, (o, _) => (o.GetString("message") ?? "").Trim()),
        new("First Seen", "string", "The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)", 1, (o, now) => EventFirstSeen(o, now)),
        new("Count", "string", "The number of times this event has occurred.", 1, (o, _) => o.GetInt64("series", "count") ?? (o.GetInt64("count") is { } c and > 0 ? c : 1)),
        new("Name", "string", "Name must be unique within a namespace. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names", 1,
            (o, _) => o.Name()),
    ];

    private static string EventFirstSeen(JsonObject ev, DateTimeOffset now) =>
        HumanDuration.Since(ev.GetString("firstTimestamp") ?? ev.GetString("eventTime"), now);

    private static string EventLastSeen(JsonObject ev, DateTimeOffset now)
    {
        if (ev.GetString("series", "lastObservedTime") is { } observed)
        {
            return HumanDuration.Since(observed, now);
        }

        return ev.GetString("lastTimestamp") is { } last ? HumanDuration.Since(last, now) : EventFirstSeen(ev, now);
    }

    private static string EventTarget(JsonObject ev)
    {
        var kind = (ev.GetString("involvedObject", "kind") ?? "").ToLowerInvariant();
        var name = ev.GetString("involvedObject", "name");
        return string.IsNullOrEmpty(name) ? kind : $"{kind}/{name}";
    }

    private static string EventSource(JsonObject ev)
    {
        var component = FirstNonEmpty(ev.GetString("source", "component"), ev.GetString("reportingComponent"));
        var host = FirstNonEmpty(ev.GetString("source", "host"), ev.GetString("reportingInstance"));
        return host.Length == 0 ? component : $"{component}, {host}";
    }

    private static string FirstNonEmpty(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrEmpty(v)) ?? "";
}
