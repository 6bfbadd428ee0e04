namespace ZeroDowntime.Fixtures.Load;

/// <summary>Where a k6 pod is, as far as the load generator's health goes.</summary>
public enum K6JobPodState
{
    /// <summary>Not running yet (scheduling, pulling, creating) and nothing has gone wrong so far.</summary>
    Starting,

    /// <summary>The k6 container runs.</summary>
    Running,

    /// <summary>k6 ran to its end or to a stop and left a summary: whatever the attempts say is a service result.</summary>
    Finished,

    /// <summary>The load generator itself failed (image, crash, OOM, abort, no summary): the run says nothing about the service.</summary>
    GeneratorFailed,
}
