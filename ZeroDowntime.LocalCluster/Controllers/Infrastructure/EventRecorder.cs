using System.Collections.Concurrent;
using System.Globalization;
using k8s;
using k8s.Models;
using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Storage;

namespace ZeroDowntime.LocalCluster.Controllers.Infrastructure;

/// <summary>
/// Writes core/v1 Events (what <c>kubectl describe</c> and <c>kubectl get events</c> show). The same
/// reason and message for the same object is recorded once, so retries do not flood the store.
/// </summary>
public sealed class EventRecorder
{
    private readonly string _component;
    private readonly ConcurrentDictionary<(string Uid, string Reason), string> _last = new();

    /// <summary>Creates a recorder reporting as <paramref name="component"/> (e.g. <c>default-scheduler</c>).</summary>
    public EventRecorder(string component) => _component = component;

    /// <summary>Records a Normal event.</summary>
    public void Normal(ClusterApi api, IKubernetesObject<V1ObjectMeta> subject, string reason, string message) => Record(api, subject, "Normal", reason, message);

    /// <summary>Records a Warning event.</summary>
    public void Warning(ClusterApi api, IKubernetesObject<V1ObjectMeta> subject, string reason, string message) => Record(api, subject, "Warning", reason, message);

    private void Record(ClusterApi api, IKubernetesObject<V1ObjectMeta> subject, string type, string reason, string message)
    {
        var uid = subject.Metadata.Uid ?? "";
        if (_last.TryGetValue((uid, reason), out var previous) && previous == message)
        {
            return;
        }

        _last[(uid, reason)] = message;
        var now = Typed.Now(api.Time);
        var ns = subject.Metadata.NamespaceProperty ?? "default";
        var ev = new Corev1Event
        {
            Metadata = new V1ObjectMeta
            {
                Name = $"{subject.Metadata.Name}.{api.Time.GetUtcNow().Ticks.ToString("x", CultureInfo.InvariantCulture)}{Random.Shared.Next(0x1000):x3}",
                NamespaceProperty = ns,
            },
            InvolvedObject = new V1ObjectReference
            {
                Kind = subject.Kind,
                ApiVersion = subject.ApiVersion,
                NamespaceProperty = subject.Metadata.NamespaceProperty,
                Name = subject.Metadata.Name,
                Uid = subject.Metadata.Uid,
                ResourceVersion = subject.Metadata.ResourceVersion,
            },
            Reason = reason,
            Message = message,
            Type = type,
            Count = 1,
            FirstTimestamp = now.UtcDateTime,
            LastTimestamp = now.UtcDateTime,
            Source = new V1EventSource { Component = _component },
            ReportingComponent = _component,
        };
        try
        {
            api.Events.Create(Typed.ToJsonObject(ev));
        }
        catch (ApiException)
        {
            // Events are best effort (e.g. the namespace is being deleted).
        }
    }
}
