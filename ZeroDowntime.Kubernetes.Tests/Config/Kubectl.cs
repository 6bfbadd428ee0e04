using System.Diagnostics;
using Xunit;

namespace ZeroDowntime.Kubernetes.Tests.Config;

/// <summary>Runs the real kubectl to write kubeconfigs, so the loader is tested against what users actually have.</summary>
internal static class Kubectl
{
    private static readonly TimeSpan CommandDeadline = TimeSpan.FromSeconds(60);

    public static string? Path { get; } = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
        .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(dir => System.IO.Path.Combine(dir, "kubectl"))
        .FirstOrDefault(File.Exists);

    /// <summary>Runs <c>kubectl config --kubeconfig FILE args...</c> in <paramref name="workingDirectory"/>.</summary>
    public static async Task ConfigAsync(string kubeconfig, string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo(Path ?? throw new InvalidOperationException("kubectl is not on PATH"))
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "config", "--kubeconfig", kubeconfig }.Concat(args))
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        using var deadline = new CancellationTokenSource(CommandDeadline);
        var stderr = process.StandardError.ReadToEndAsync(deadline.Token);
        _ = process.StandardOutput.ReadToEndAsync(deadline.Token);
        await process.WaitForExitAsync(deadline.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"kubectl config {string.Join(' ', args)} exited with {process.ExitCode}: {await stderr}");
        }
    }
}

/// <summary>A fact that is skipped, with the reason, when kubectl is not installed.</summary>
public sealed class KubectlFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when kubectl is missing.</summary>
    public KubectlFactAttribute()
    {
        if (Kubectl.Path is null)
        {
            Skip = "kubectl is not on PATH, so kubeconfigs written by kubectl cannot be generated here.";
        }
    }
}
