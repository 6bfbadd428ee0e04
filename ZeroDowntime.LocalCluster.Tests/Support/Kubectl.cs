using System.Diagnostics;

namespace ZeroDowntime.LocalCluster.Tests.Support;

/// <summary>A fact that is skipped, with the reason, when kubectl is not on PATH.</summary>
public sealed class KubectlFactAttribute : FactAttribute
{
    public KubectlFactAttribute()
    {
        if (Kubectl.Path is null)
        {
            Skip = "kubectl is not on PATH; these tests drive the local cluster with the real kubectl v1.32 (CI has it).";
        }
    }
}

/// <summary>Runs the real kubectl against a <see cref="TestCluster"/>.</summary>
public static class Kubectl
{
    public static string? Path { get; } = (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(System.IO.Path.PathSeparator)
        .Select(dir => System.IO.Path.Combine(dir, "kubectl"))
        .FirstOrDefault(File.Exists);

    public static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(TestCluster cluster, params string[] args) =>
        RunAsync(cluster.KubeconfigPath, cluster.CacheDirectory, args);

    /// <summary>Runs kubectl with any kubeconfig (e.g. one of a cluster that enforces RBAC).</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string kubeconfig, string cacheDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(Path!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--kubeconfig", kubeconfig, "--cache-dir", cacheDirectory }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(Deadlines.Kubectl);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kubectl {string.Join(' ', args)} did not finish within {Deadlines.Kubectl.TotalSeconds:0} s");
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs kubectl and asserts success, returning stdout.</summary>
    public static async Task<string> OkAsync(TestCluster cluster, params string[] args)
    {
        var (code, stdout, stderr) = await RunAsync(cluster, args);
        if (code != 0)
        {
            throw new Xunit.Sdk.XunitException($"kubectl {string.Join(' ', args)} exited {code}: {stderr}");
        }

        return stdout;
    }
}
