using System.Diagnostics;
using Xunit;
using ZeroDowntime.Fixtures.Cluster;

namespace ZeroDowntime.Scenarios.Tests;

/// <summary>
/// <c>dotnet ZeroDowntime.LocalCluster.dll up --manifests manifests/sample-target --kubeconfig F</c>
/// as a separate process: a "real" cluster that survives the test processes talking to it.
/// Stopped with SIGTERM, so it stops every pod process it started.
/// </summary>
public class UpCluster : IAsyncLifetime
{
    /// <summary>Named deadline for <c>up</c> to print <c>ready</c>.</summary>
    public static readonly TimeSpan ReadyDeadline = TimeSpan.FromMinutes(2);

    private readonly List<string> _log = [];
    private readonly string _manifests;
    private Process? _process;

    /// <summary>The sample target.</summary>
    public UpCluster()
        : this(ManifestLocator.Find(Path.Combine("manifests", ManifestLocator.SampleTarget)))
    {
    }

    /// <summary><c>up</c> on the manifests in <paramref name="manifests"/>.</summary>
    protected UpCluster(string manifests) => _manifests = manifests;

    /// <summary>The kubeconfig <c>up</c> wrote (context <c>zd-local</c>).</summary>
    public string Kubeconfig { get; } = Path.Combine(Path.GetTempPath(), $"zd-up-{Guid.NewGuid():N}.kubeconfig");

    /// <summary>What <c>up</c> printed so far.</summary>
    public string Output
    {
        get { lock (_log) { return string.Join(Environment.NewLine, _log); } }
    }

    /// <summary>More arguments for <c>up</c> (e.g. <c>--rbac</c>).</summary>
    protected virtual IEnumerable<string> ExtraArguments => [];

    /// <inheritdoc />
    public virtual async Task InitializeAsync()
    {
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList =
            {
                Path.Combine(AppContext.BaseDirectory, "ZeroDowntime.LocalCluster.dll"), "up",
                "--manifests", _manifests,
                "--kubeconfig", Kubeconfig, "--nodes", "5",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in ExtraArguments)
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the local cluster's up command.");
        _process.OutputDataReceived += (_, e) => Record(e.Data, ready);
        _process.ErrorDataReceived += (_, e) => Record(e.Data, null);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var exited = _process.WaitForExitAsync();
        var first = await Task.WhenAny(ready.Task, exited, Task.Delay(ReadyDeadline));
        if (first != ready.Task)
        {
            throw new TimeoutException($"'up' did not print 'ready' within {ReadyDeadline.TotalSeconds:0} s{(first == exited ? $" (exited with {_process.ExitCode})" : "")}; it printed:{Environment.NewLine}{Output}");
        }
    }

    /// <inheritdoc />
    public virtual async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            // SIGTERM lets 'up' stop its pod processes; SIGKILL would orphan them.
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }

            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await _process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process?.Dispose();
        File.Delete(Kubeconfig);
    }

    private void Record(string? line, TaskCompletionSource? ready)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.Add(line);
        }

        if (line.Trim() == "ready")
        {
            ready?.TrySetResult();
        }
    }
}
