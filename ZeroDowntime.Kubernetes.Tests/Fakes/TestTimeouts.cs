namespace ZeroDowntime.Kubernetes.Tests.Fakes;

/// <summary>The deadlines of the client tests, in one place. They bound waits for events; none is a sleep.</summary>
public static class TestTimeouts
{
    /// <summary>Longest wait for something that normally takes milliseconds (an event, a log line, a request).</summary>
    public static readonly TimeSpan Event = TimeSpan.FromSeconds(10);

    /// <summary>Per-attempt deadline of the fast test clients: far above a loopback answer, so it only fires when a test stalls a server.</summary>
    public static readonly TimeSpan Request = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Per-attempt deadline in tests whose server stalls on purpose: short, so they stay quick, yet long enough
    /// for the attempts that must succeed on a loaded two-core machine (timer callbacks there run up to a second late).
    /// </summary>
    public static readonly TimeSpan ShortRequest = TimeSpan.FromSeconds(1);

    /// <summary>Backoff before the first retry in the fast test clients.</summary>
    public static readonly TimeSpan Backoff = TimeSpan.FromMilliseconds(10);
}
