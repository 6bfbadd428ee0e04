using System.Diagnostics;

namespace ZeroDowntime.Scenarios.Tests;

/// <summary>Runs the real kubectl against a kubeconfig, with its own discovery cache and a named deadline.</summary>
public static class KubectlCommand
{
    /// <summary>Named deadline for one kubectl command.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    /// <summary>Runs kubectl; throws with its output when it exits non-zero and <paramref name="check"/> is set.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string kubeconfig, IEnumerable<string> args, string? stdin = null, bool check = true)
    {
        ArgumentNullException.ThrowIfNull(args);
        var start = new ProcessStartInfo("kubectl")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = stdin is not null,
        };
        start.ArgumentList.Add("--kubeconfig");
        start.ArgumentList.Add(kubeconfig);
        start.ArgumentList.Add("--cache-dir");
        start.ArgumentList.Add(Path.Combine(Path.GetTempPath(), $"zd-kubectl-cache-{Environment.ProcessId}"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start kubectl.");
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }

        using var deadline = new CancellationTokenSource(Deadline);
        var stdout = process.StandardOutput.ReadToEndAsync(deadline.Token);
        var stderr = process.StandardError.ReadToEndAsync(deadline.Token);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kubectl {string.Join(' ', start.ArgumentList)} did not finish within {Deadline.TotalSeconds:0} s.");
        }

        var result = (process.ExitCode, await stdout, await stderr);
        if (check && result.ExitCode != 0)
        {
            throw new InvalidOperationException($"kubectl {string.Join(' ', start.ArgumentList.Skip(4))} exited with {result.ExitCode}: {result.Item3.Trim()}");
        }

        return result;
    }
}
