using k8s.Models;
using ZeroDowntime.LocalCluster.Controllers.Autoscaling;

namespace ZeroDowntime.LocalCluster.Tests.Controllers.Autoscaling;

/// <summary>Builds the pods and samples of the replica calculator's worked cases.</summary>
internal static class HpaPods
{
    /// <summary>A fixed "now"; pods started long before it are past the cpu initialization period.</summary>
    public static readonly DateTimeOffset Now = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Pod <c>pod-i</c>: Running and Ready since an hour ago, requesting <paramref name="cpuRequest"/>.</summary>
    public static V1Pod Pod(int i, string cpuRequest = "1", string phase = "Running", string ready = "True",
        DateTimeOffset? started = null, DateTimeOffset? readySince = null, bool deleting = false) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = $"pod-{i}",
            NamespaceProperty = "default",
            DeletionTimestamp = deleting ? Now.UtcDateTime : null,
        },
        Spec = new V1PodSpec
        {
            Containers =
            [
                new V1Container
                {
                    Name = "app",
                    Resources = new V1ResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(cpuRequest) } },
                },
            ],
        },
        Status = new V1PodStatus
        {
            Phase = phase,
            StartTime = (started ?? Now.AddHours(-1)).UtcDateTime,
            Conditions = [new V1PodCondition { Type = "Ready", Status = ready, LastTransitionTime = (readySince ?? Now.AddHours(-1)).UtcDateTime }],
        },
    };

    /// <summary>Samples (millicores) for pod-0.. in order; a null level means "no sample for this pod".</summary>
    public static Dictionary<string, PodMetric> Cpu(params long?[] levels)
    {
        var metrics = new Dictionary<string, PodMetric>(StringComparer.Ordinal);
        for (var i = 0; i < levels.Length; i++)
        {
            if (levels[i] is { } level)
            {
                metrics[$"pod-{i}"] = new PodMetric(level, Now, TimeSpan.FromSeconds(15));
            }
        }

        return metrics;
    }

    /// <summary>Three-pod helper for the common case.</summary>
    public static List<V1Pod> Pods(int count, string cpuRequest = "1") => Enumerable.Range(0, count).Select(i => Pod(i, cpuRequest)).ToList();
}
