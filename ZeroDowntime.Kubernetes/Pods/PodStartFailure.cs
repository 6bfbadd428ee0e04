using System.Globalization;

namespace ZeroDowntime.Kubernetes.Pods;

/// <summary>
/// A pod that cannot start, as the Kubernetes API shows it: the container, its waiting reason and message,
/// and the evidence gathered for it (the pod's last Warning event, for a crash loop the last exit and log lines).
/// <see cref="Sentence"/> says it all in one sentence.
/// </summary>
/// <param name="Namespace">The pod's namespace.</param>
/// <param name="Pod">The pod's name.</param>
/// <param name="Container">The container that cannot start (<c>init container x</c> for an init container).</param>
/// <param name="Reason">The container's waiting reason, e.g. <c>ErrImagePull</c> or <c>CrashLoopBackOff</c>.</param>
/// <param name="Message">The waiting message, if any.</param>
public sealed record PodStartFailure(string Namespace, string Pod, string Container, string Reason, string? Message)
{
    /// <summary>The container's name as in the pod spec.</summary>
    public string ContainerName { get; init; } = "";

    /// <summary>How many times the container restarted.</summary>
    public int RestartCount { get; init; }

    /// <summary>The container's last exit (<c>exit code 3 (Error)</c>), for a crash loop.</summary>
    public string? LastExit { get; init; }

    /// <summary>The pod's latest Warning event, <c>Failed: ...</c>, once evidence was gathered.</summary>
    public string? Event { get; init; }

    /// <summary>The last lines the container wrote before its last exit (crash loops only).</summary>
    public IReadOnlyList<string> LastLogLines { get; init; } = [];

    /// <summary>
    /// One sentence naming the pod, the reason and the event message, e.g.
    /// <c>Pod default/ray-worker-x cannot start: container ray-worker is waiting with ErrImagePull: the local
    /// cluster cannot run image zerodowntime/nope:1; add an image mapping (event Failed: ...).</c>
    /// </summary>
    public string Sentence
    {
        get
        {
            var text = $"Pod {Namespace}/{Pod} cannot start: {Container} is waiting with {Reason}";
            if (Reason == PodStartRules.CrashLoopBackOff)
            {
                text += string.Create(CultureInfo.InvariantCulture, $" after {RestartCount} restart(s)") + (LastExit is null ? "" : $", last {LastExit}");
            }
            else if (!string.IsNullOrWhiteSpace(Message))
            {
                text += $": {OneLine(Message)}";
            }

            // Kubernetes' event and waiting message often say the same; say it once.
            if (Event is not null && (Message is null || !Event.EndsWith(OneLine(Message), StringComparison.Ordinal) || Reason == PodStartRules.CrashLoopBackOff))
            {
                text += $" (event {Event})";
            }

            if (LastLogLines.Count > 0)
            {
                text += "; its last log lines: " + string.Join(" | ", LastLogLines);
            }

            return text.TrimEnd('.') + ".";
        }
    }

    /// <inheritdoc />
    public override string ToString() => Sentence;

    internal static string OneLine(string text) =>
        string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).TrimEnd('.');
}
