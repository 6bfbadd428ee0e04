namespace ZeroDowntime.MockVllm;

/// <summary>What the process does when it receives SIGTERM (or SIGINT).</summary>
public enum TerminationMode
{
    /// <summary>Refuse new requests with 503, finish in-flight ones, then exit 0 (bounded by the drain timeout).</summary>
    Graceful,

    /// <summary>Exit at once with code 143, dropping in-flight requests: the negative control.</summary>
    Abrupt,
}
