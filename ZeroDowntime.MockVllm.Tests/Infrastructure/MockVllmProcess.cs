using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace ZeroDowntime.MockVllm.Tests.Infrastructure;

/// <summary>
/// A real <c>dotnet ZeroDowntime.MockVllm.dll</c> child process (found next to the test assembly) on loopback free
/// ports; its stdout/stderr lines are captured. Disposing kills it if it is still running.
/// </summary>
internal sealed partial class MockVllmProcess : IAsyncDisposable
{
    public const int SIGTERM = 15;
    private readonly Process process;

    private MockVllmProcess(Process process, LogCapture log, Stopwatch sinceLaunch)
    {
        this.process = process;
        Log = log;
        SinceLaunch = sinceLaunch;
    }

    public LogCapture Log { get; }

    public Stopwatch SinceLaunch { get; }

    public int Pid => process.Id;

    public Uri Serve { get; private set; } = null!;

    public Uri? Dashboard { get; private set; }

    public static string AssemblyPath => Path.Combine(AppContext.BaseDirectory, "ZeroDowntime.MockVllm.dll");

    /// <summary>Launches the process and waits for its "listening on" line.</summary>
    public static async Task<MockVllmProcess> StartAsync(params string[] args)
    {
        var started = await LaunchAsync(["--host", "127.0.0.1", "--port", "0", "--agent-port", "off", "--dashboard-port", "0", .. args]);
        try
        {
            var line = await started.Log.WaitForLineAsync("listening on", Timeouts.ProcessStart);
            var serve = ServeAddress().Match(line);
            started.Serve = new Uri(serve.Groups[1].Value);
            var dashboard = DashboardAddress().Match(line);
            started.Dashboard = dashboard.Success ? new Uri(dashboard.Groups[1].Value) : null;
            return started;
        }
        catch
        {
            await started.DisposeAsync();
            throw;
        }
    }

    /// <summary>Launches with exactly these arguments and does not wait for anything.</summary>
    public static Task<MockVllmProcess> LaunchAsync(IReadOnlyList<string> args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(AssemblyPath);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        var log = new LogCapture();
        var clock = Stopwatch.StartNew();
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { log.AddLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { log.AddLine("stderr: " + e.Data); } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return Task.FromResult(new MockVllmProcess(process, log, clock));
    }

    public void SendSignal(int signal)
    {
        if (kill(process.Id, signal) != 0)
        {
            throw new InvalidOperationException($"kill({process.Id}, {signal}) failed with errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    /// <summary>Waits for the exit and returns the exit code; throws with the log if it does not exit in time.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Process {process.Id} did not exit within {timeout.TotalSeconds:0.#}s. Log:{Environment.NewLine}{Log}");
        }
        // Flushes the asynchronous stdout readers.
        process.WaitForExit();
        return process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
        finally
        {
            process.Dispose();
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);

    [GeneratedRegex(@"listening on (\S+) \(serve\)")]
    private static partial Regex ServeAddress();

    [GeneratedRegex(@"(\S+) \(dashboard\)")]
    private static partial Regex DashboardAddress();
}
