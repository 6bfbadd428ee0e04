using ZeroDowntime.LocalCluster.Cluster;

namespace ZeroDowntime.LocalCluster.Controllers;

/// <summary>
/// Runs a set of controllers side by side, as kube-controller-manager does: each in its own loop;
/// a controller that throws is logged with its name and the exception and restarted after
/// <see cref="RestartDelay"/>, so one failure neither stops the others nor goes unnoticed. Stops
/// cleanly when the host cancels.
/// </summary>
/// <example><code>
/// options.Controllers.Add(new ControllerManager([new ReplicaSetController(settings), new Scheduler(settings)], Console.Error));
/// </code></example>
public sealed class ControllerManager : IClusterController
{
    private readonly TextWriter _log;

    /// <summary>Creates a manager for <paramref name="controllers"/>, logging to <paramref name="log"/>.</summary>
    public ControllerManager(IEnumerable<IClusterController> controllers, TextWriter log, TimeSpan? restartDelay = null)
    {
        Controllers = controllers.ToList();
        _log = log;
        RestartDelay = restartDelay ?? TimeSpan.FromSeconds(1);
    }

    /// <summary>The managed controllers.</summary>
    public IReadOnlyList<IClusterController> Controllers { get; }

    /// <summary>Pause before a failed controller is restarted.</summary>
    public TimeSpan RestartDelay { get; }

    /// <inheritdoc />
    public string Name => "controller-manager";

    /// <inheritdoc />
    public Task RunAsync(ClusterApi api, CancellationToken ct) =>
        Task.WhenAll(Controllers.Select(c => Task.Run(() => SuperviseAsync(c, api, ct), CancellationToken.None)));

    private async Task SuperviseAsync(IClusterController controller, ClusterApi api, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await controller.RunAsync(api, ct).ConfigureAwait(false);
                if (!ct.IsCancellationRequested)
                {
                    Log($"controller {controller.Name} stopped unexpectedly; restarting");
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                Log($"controller {controller.Name} failed; restarting in {RestartDelay.TotalSeconds:0.#} s: {e}");
            }

            try
            {
                // The restart back-off is the behaviour here, not a wait for state.
                await Task.Delay(RestartDelay, api.Time, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Log(string message)
    {
        lock (_log)
        {
            _log.WriteLine(message);
        }
    }
}
