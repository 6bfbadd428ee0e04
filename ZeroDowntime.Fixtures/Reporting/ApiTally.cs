namespace ZeroDowntime.Fixtures.Reporting;

/// <summary>What the run's Kubernetes client absorbed: its retries, and the faults the embedded API server injected on purpose.</summary>
/// <param name="Retries">Calls repeated by the client's retry handler (429, 5xx, resets, timeouts).</param>
/// <param name="RetryDetail">The retries by cause, one phrase.</param>
/// <param name="FaultProfile"><c>ZD_LOCAL_FAULTS</c>'s profile and seed (<c>mixed:1234</c>); null without injected faults.</param>
/// <param name="FaultsInjected">API calls the embedded API server faulted; null without injected faults.</param>
public sealed record ApiTally(long Retries, string RetryDetail, string? FaultProfile, long? FaultsInjected)
{
    /// <summary>The console line, e.g. <c>Kubernetes API: 41 retries (…); faults injected: 57 (ZD_LOCAL_FAULTS=mixed:1234)</c>.</summary>
    public string Line => FaultProfile is null
        ? $"Kubernetes API retries: {RetryDetail}"
        : FormattableString.Invariant($"Kubernetes API retries: {RetryDetail}; faults injected: {FaultsInjected} (ZD_LOCAL_FAULTS={FaultProfile})");
}
