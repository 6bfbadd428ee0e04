using ZeroDowntime.LocalCluster.Cluster;

namespace ZeroDowntime.LocalCluster.Controllers;

/// <summary>
/// A control loop the host runs in the background from start to dispose (Deployment, scheduler,
/// disruption controller...). Register with <c>LocalClusterOptions.Controllers</c>.
/// </summary>
/// <example><code>
/// sealed class EchoController : IClusterController
/// {
///     public string Name => "echo";
///     public async Task RunAsync(ClusterApi api, CancellationToken ct)
///     {
///         await foreach (var e in api.Pods.WatchAsync(ct: ct)) Console.WriteLine(e);
///     }
/// }
/// </code></example>
public interface IClusterController
{
    /// <summary>A short name for logs.</summary>
    string Name { get; }

    /// <summary>Runs until <paramref name="ct"/> is cancelled; exceptions are reported and the loop is not restarted.</summary>
    Task RunAsync(ClusterApi api, CancellationToken ct);
}
