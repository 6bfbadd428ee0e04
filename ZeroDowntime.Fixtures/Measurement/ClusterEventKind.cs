namespace ZeroDowntime.Fixtures.Measurement;

/// <summary>What happened at one point of the cluster timeline.</summary>
public enum ClusterEventKind
{
    /// <summary>A pod object appeared (watch ADDED, or present when the watch started).</summary>
    PodCreated,

    /// <summary>A pod was bound to a node (<c>spec.nodeName</c> set / PodScheduled=True).</summary>
    PodScheduled,

    /// <summary>A pod's Ready condition became True.</summary>
    PodReady,

    /// <summary>A pod's Ready condition became False.</summary>
    PodNotReady,

    /// <summary>A pod got a deletionTimestamp; it no longer counts as Ready.</summary>
    PodTerminating,

    /// <summary>A pod object was removed (watch DELETED).</summary>
    PodDeleted,

    /// <summary>A node became unschedulable.</summary>
    NodeCordoned,

    /// <summary>A node became schedulable again.</summary>
    NodeUncordoned,

    /// <summary>A node's Ready condition became True.</summary>
    NodeReady,

    /// <summary>A node's Ready condition became False or Unknown.</summary>
    NodeNotReady,

    /// <summary>The suite is about to make a disruptive call (delete, evict, drain).</summary>
    DisruptionStarted,

    /// <summary>The API server accepted the disruptive call; recovery and termination times start here.</summary>
    DisruptionAccepted,

    /// <summary>The API server refused the disruptive call (e.g. an eviction blocked by a PodDisruptionBudget).</summary>
    DisruptionRefused,

    /// <summary>Any other annotation of the timeline (baseline start, settle end...).</summary>
    Marker,
}
