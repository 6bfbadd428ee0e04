using System.Diagnostics;
using System.Text;

namespace ZeroDowntime.LocalCluster.Kubelet;

/// <summary>
/// One workload process, run under a tiny <c>/bin/sh</c> supervisor that is the leader of its own
/// process group (via <c>setsid</c>). The supervisor holds a pipe from this process on stdin: when
/// the pipe closes (this process exited, even by SIGKILL) it kills its whole group, so workloads
/// never outlive the host. SIGTERM to the supervisor is forwarded to the workload's main process
/// only (as a container runtime signals PID 1); SIGKILL goes to the whole group.
/// </summary>
internal sealed class SupervisedProcess : IDisposable
{
    // $@ = the workload's argv. fd 3 keeps the parent pipe for the watcher; the workload gets /dev/null.
    // The watcher's `read` returns only on EOF (the parent never writes), then kills the group.
    private const string SupervisorScript =
        "exec 3<&0 </dev/null\n" +
        "\"$@\" 3<&- &\n" +
        "child=$!\n" +
        "trap 'kill -TERM $child 2>/dev/null' TERM\n" +
        "( read -r _ <&3; kill -KILL 0 ) >/dev/null 2>&1 &\n" +
        "watcher=$!\n" +
        "exec 3<&-\n" +
        "while :; do wait $child; code=$?; kill -0 $child 2>/dev/null || break; done\n" +
        "kill -KILL $watcher 2>/dev/null\n" +
        "exit $code\n";

    private static readonly TimeSpan OutputDrainTimeout = TimeSpan.FromSeconds(2);

    private readonly Process _process;
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _disposed;

    private SupervisedProcess(Process process)
    {
        _process = process;
        Pid = process.Id;
    }

    /// <summary>The supervisor's pid, which is also the process group id of everything it runs.</summary>
    public int Pid { get; }

    /// <summary>Completes with the exit code (128 + signal when killed) once the process has exited and its output is read.</summary>
    public Task<int> Exited => _exited.Task;

    /// <summary>
    /// Starts <paramref name="executable"/> with <paramref name="arguments"/> and exactly the
    /// environment <paramref name="environment"/>; every output line goes to <paramref name="onLine"/>.
    /// </summary>
    /// <exception cref="System.ComponentModel.Win32Exception">setsid or /bin/sh cannot be started.</exception>
    public static SupervisedProcess Start(string executable, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment,
        Action<LogStream, string> onLine, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo("setsid")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        info.ArgumentList.Add("/bin/sh");
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(SupervisorScript);
        info.ArgumentList.Add("zd-supervisor");
        info.ArgumentList.Add(executable);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment.Clear();
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("setsid did not start");
        var supervised = new SupervisedProcess(process);
        var stdout = PumpAsync(process.StandardOutput, LogStream.Stdout, onLine);
        var stderr = PumpAsync(process.StandardError, LogStream.Stderr, onLine);
        _ = supervised.WatchExitAsync(stdout, stderr);
        return supervised;
    }

    /// <summary>Asks the workload to stop (SIGTERM to its main process).</summary>
    public void Terminate() => NativeSignals.Send(Pid, NativeSignals.SigTerm);

    /// <summary>Kills the supervisor, the workload and everything they started (SIGKILL to the group).</summary>
    public void Kill() => NativeSignals.SendToGroup(Pid, NativeSignals.SigKill);

    /// <summary>Kills the group if still alive and releases the pipes.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        Kill();
        _process.Dispose();
    }

    private async Task WatchExitAsync(Task stdout, Task stderr)
    {
        int code;
        try
        {
            await _process.WaitForExitAsync().ConfigureAwait(false);
            code = _process.ExitCode;
        }
        catch (InvalidOperationException)
        {
            code = 137;
        }

        // The main process is gone: like a PID namespace teardown, nothing else in the container survives it.
        Kill();
        try
        {
            await Task.WhenAll(stdout, stderr).WaitAsync(OutputDrainTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A descendant escaped the group and holds the pipe; stop waiting for its output.
        }

        _exited.TrySetResult(code);
    }

    private static async Task PumpAsync(StreamReader reader, LogStream stream, Action<LogStream, string> onLine)
    {
        try
        {
            while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                onLine(stream, line);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The pipe closed under us (dispose).
        }
    }
}
