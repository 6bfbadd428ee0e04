namespace ZeroDowntime.Fixtures.Load;

/// <summary>The verdict on one k6 pod and the evidence for it.</summary>
/// <param name="State">Starting, running, finished (a service result) or generator failure.</param>
/// <param name="Reason">For a failure, what failed, e.g. <c>the image cannot be pulled (ErrImagePull)</c>; otherwise a short state description.</param>
/// <param name="Evidence">Pod phase and container state, e.g. <c>pod phase Failed, container k6 terminated with exit code 107</c>.</param>
public sealed record K6JobPodAssessment(K6JobPodState State, string Reason, string Evidence)
{
    /// <summary>True once the pod will not change any more (finished or failed).</summary>
    public bool IsTerminal => State is K6JobPodState.Finished or K6JobPodState.GeneratorFailed;
}
