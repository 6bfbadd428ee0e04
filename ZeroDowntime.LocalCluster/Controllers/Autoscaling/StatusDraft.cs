using k8s.Models;

namespace ZeroDowntime.LocalCluster.Controllers.Autoscaling;

/// <summary>The conditions being built during one sync, starting from the HPA's current ones.</summary>
internal sealed class StatusDraft(V2HorizontalPodAutoscaler hpa)
{
    public List<V2HorizontalPodAutoscalerCondition> Conditions { get; } = (hpa.Status?.Conditions ?? [])
        .Select(c => new V2HorizontalPodAutoscalerCondition
        {
            Type = c.Type, Status = c.Status, Reason = c.Reason, Message = c.Message, LastTransitionTime = c.LastTransitionTime,
        }).ToList();

    public void Set(HpaCondition condition, DateTimeOffset now) => HpaConditionList.Set(Conditions, condition, now);
}
