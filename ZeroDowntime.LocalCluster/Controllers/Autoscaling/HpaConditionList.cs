using k8s.Models;

namespace ZeroDowntime.LocalCluster.Controllers.Autoscaling;

/// <summary>setConditionInList: sets a condition in place (appended when new); its transition time changes only when its status does.</summary>
internal static class HpaConditionList
{
    public static void Set(List<V2HorizontalPodAutoscalerCondition> conditions, HpaCondition condition, DateTimeOffset now)
    {
        var existing = conditions.Find(c => c.Type == condition.Type);
        if (existing is null)
        {
            existing = new V2HorizontalPodAutoscalerCondition { Type = condition.Type };
            conditions.Add(existing);
        }

        if (existing.Status != condition.Status)
        {
            existing.LastTransitionTime = now.UtcDateTime;
        }

        existing.Status = condition.Status;
        existing.Reason = condition.Reason;
        existing.Message = condition.Message;
    }
}
