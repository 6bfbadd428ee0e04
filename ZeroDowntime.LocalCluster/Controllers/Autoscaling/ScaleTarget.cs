using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Storage;

namespace ZeroDowntime.LocalCluster.Controllers.Autoscaling;

/// <summary>The HPA's scale target as the controller reads it through <c>/scale</c>: its client, name, <c>spec.replicas</c> and pod selector.</summary>
internal sealed record ScaleTarget(ResourceClient Client, string Name, int CurrentReplicas, LabelSelectorMatcher? Selector);
