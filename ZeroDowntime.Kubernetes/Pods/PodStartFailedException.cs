namespace ZeroDowntime.Kubernetes.Pods;

/// <summary>A pod the wait was waiting for cannot start; the message is <see cref="PodStartFailure.Sentence"/>.</summary>
public sealed class PodStartFailedException : Exception
{
    /// <summary>Creates the exception for <paramref name="failure"/>.</summary>
    public PodStartFailedException(PodStartFailure failure)
        : base(failure?.Sentence)
    {
        Failure = failure ?? throw new ArgumentNullException(nameof(failure));
    }

    /// <summary>What cannot start, and why.</summary>
    public PodStartFailure Failure { get; }
}
