namespace ZeroDowntime.LocalCluster.Kubelet;

/// <summary>The outcome of mapping a container to a host command.</summary>
/// <param name="Argv">The resolved argv (argv[0] an absolute path) when the container can run, else null.</param>
/// <param name="Env">The image's variables.</param>
/// <param name="Reason">When it cannot run: the container waiting reason (<c>ErrImagePull</c>, <c>CreateContainerError</c>).</param>
/// <param name="Message">When it cannot run: one sentence for the event and the container status.</param>
public sealed record ImageResolution(IReadOnlyList<string>? Argv, IReadOnlyDictionary<string, string> Env, string? Reason, string? Message)
{
    /// <summary>What the image runs when the mapping says (<see cref="ImageMapping.Runs"/>), for the <c>Started</c> event.</summary>
    public string? Runs { get; init; }

    /// <summary>True when the container can be started.</summary>
    public bool CanRun => Argv is not null;
}
