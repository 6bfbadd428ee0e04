namespace ZeroDowntime.Fixtures.Connections;

/// <summary>How <see cref="ConnectionJobTraffic"/> runs its Job.</summary>
public sealed record ConnectionJobOptions
{
    /// <summary>The run id the Job is labelled with (<c>zerodowntime.io/run</c>); leftovers of other runs are deleted at the next start.</summary>
    public required string RunId { get; init; }

    /// <summary>The namespace of the Job (the target's).</summary>
    public required string Namespace { get; init; }

    /// <summary>The client's image: MockVllm, whose <c>connection-client</c> command is the generator.</summary>
    public required string Image { get; init; }

    /// <summary>The Service the connections go to (reached through its cluster IP, from the <c>{NAME}_SERVICE_HOST</c> variable).</summary>
    public required string Service { get; init; }

    /// <summary>The Service port.</summary>
    public required int Port { get; init; }

    /// <summary>Connections kept open.</summary>
    public int Connections { get; init; } = 80;

    /// <summary>Requests per second per connection.</summary>
    public double Rate { get; init; } = 5;

    /// <summary>Connect and greeting deadline.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(1.5);

    /// <summary>Answer deadline.</summary>
    public TimeSpan ReadDeadline { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary><c>activeDeadlineSeconds</c> of the Job and the client's own <c>--duration</c>: a safety net if the suite dies.</summary>
    public TimeSpan JobDeadline { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How long the client's records and summary may take to arrive after the stop.</summary>
    public TimeSpan SummaryTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Narration; null for silence.</summary>
    public Action<string>? Log { get; init; }
}
