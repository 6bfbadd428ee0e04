using System.Runtime.InteropServices;

namespace ZeroDowntime.MockVllm.Lifecycle;

/// <summary>
/// Replaces the console lifetime: SIGTERM and SIGINT go to the <see cref="DrainCoordinator"/> instead of stopping the
/// host at once. In-process hosts (tests) do not handle signals at all.
/// </summary>
internal sealed class SignalLifetime(bool handleSignals, DrainCoordinator drain) : IHostLifetime, IDisposable
{
    private readonly List<PosixSignalRegistration> registrations = [];

    public Task WaitForStartAsync(CancellationToken cancellationToken)
    {
        if (handleSignals)
        {
            registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal));
            registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal));
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        foreach (var registration in registrations)
        {
            registration.Dispose();
        }
    }

    private void OnSignal(PosixSignalContext context)
    {
        // Cancel the default (terminate now); the drain decides when the process ends.
        context.Cancel = true;
        drain.OnSignal(context.Signal == PosixSignal.SIGTERM ? "SIGTERM" : "SIGINT");
    }
}
