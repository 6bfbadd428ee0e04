using System.Diagnostics;

namespace ZeroDowntime.LocalCluster.Tests.Controllers.Support;

/// <summary>Runs the real kubectl against a test cluster with its own kubeconfig and discovery cache.</summary>
internal sealed class Kubectl : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("zd-kubectl-").FullName;

    private Kubectl()
    {
    }

    /// <summary>kubectl's full path, or null when it is not installed.</summary>
    public static string? Path { get; } = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator)
        .Select(d => System.IO.Path.Combine(d, "kubectl")).FirstOrDefault(File.Exists);

    private string KubeconfigPath => System.IO.Path.Combine(_dir, "kubeconfig");

    public static async Task<Kubectl> ForAsync(LocalClusterHost host)
    {
        var kubectl = new Kubectl();
        await host.WriteKubeconfigAsync(kubectl.KubeconfigPath);
        return kubectl;
    }

    /// <summary>Runs kubectl; kills it at <paramref name="timeout"/>.</summary>
    public async Task<(int ExitCode, string Output)> RunAsync(TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo(Path!) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "--kubeconfig", KubeconfigPath, "--cache-dir", System.IO.Path.Combine(_dir, "cache") }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kubectl {string.Join(' ', args)} did not finish within {timeout.TotalSeconds:0} s; output so far: {await stdout}{await stderr}");
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the temp directory is cleaned by the OS otherwise.
        }
    }
}
