using System.Diagnostics;
using FluentAssertions;
using ZeroDowntime.LocalCluster.Tests.Support;
using Xunit;

namespace ZeroDowntime.LocalCluster.Tests.Kubelet;

public sealed class OrphanTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("zd-orphans-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task SIGKILL_of_the_up_process_leaves_no_workload_processes()
    {
        var marker = $"ZD_TEST_MARKER={Guid.NewGuid():N}";
        var manifests = Directory.CreateDirectory(Path.Combine(_dir, "manifests")).FullName;
        File.WriteAllText(Path.Combine(manifests, "sleepers.yaml"), $$"""
            apiVersion: apps/v1
            kind: Deployment
            metadata: { name: sleepers, namespace: default }
            spec:
              replicas: 2
              selector: { matchLabels: { app: sleepers } }
              template:
                metadata: { labels: { app: sleepers } }
                spec:
                  containers:
                    - name: main
                      image: busybox
                      # Ignores SIGTERM and starts a child: only group-wide SIGKILL ends it all.
                      command: ["sh", "-c", "trap '' TERM; sleep 1000 & sleep 1000"]
                      env: [{ name: {{marker.Split('=')[0]}}, value: "{{marker.Split('=')[1]}}" }]
            """);
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])[Path.Combine(AppContext.BaseDirectory, "ZeroDowntime.LocalCluster.dll"), "up", "--manifests", manifests, "--kubeconfig", Path.Combine(_dir, "kubeconfig")])
        {
            info.ArgumentList.Add(arg);
        }

        using var up = Process.Start(info)!;
        try
        {
            var stderr = up.StandardError.ReadToEndAsync();
            var ready = await ReadUntilAsync(up.StandardOutput, "ready").WaitAsync(Timeouts.SampleTargetReady);
            ready.Should().BeTrue($"up prints ready; stderr: {(ready ? "" : await stderr)}");
            // A container counts as started once its shell runs; the shell forks its sleeps a moment later.
            var before = await WaitForAtLeastAsync(marker, 6, Timeouts.ShellOutput);
            before.Count.Should().BeGreaterThanOrEqualTo(6, "two pods, each a supervisor, a shell and two sleeps");

            up.Kill();
            await up.WaitForExitAsync();

            var left = await WaitForNoneAsync(marker, Timeouts.OrphansGone);
            left.Should().BeEmpty("the supervisors kill their process groups when the host's pipe closes");
        }
        finally
        {
            if (!up.HasExited)
            {
                up.Kill();
            }

            foreach (var pid in ProcessProbe.WithEnvironment(marker))
            {
                Process.GetProcessById(pid).Kill();
            }
        }
    }

    private static async Task<bool> ReadUntilAsync(StreamReader reader, string line)
    {
        while (await reader.ReadLineAsync() is { } read)
        {
            if (read.Trim() == line)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Looks in /proc until at least <paramref name="count"/> processes carry the marker, or the timeout passes.</summary>
    private static Task<IReadOnlyList<int>> WaitForAtLeastAsync(string marker, int count, TimeSpan timeout) =>
        ProcessProbe.PollAsync(() => ProcessProbe.WithEnvironment(marker), found => found.Count >= count, timeout, TimeSpan.FromMilliseconds(100));

    /// <summary>Looks in /proc until no process carries the marker, or the timeout passes.</summary>
    private static Task<IReadOnlyList<int>> WaitForNoneAsync(string marker, TimeSpan timeout) =>
        ProcessProbe.PollAsync(() => ProcessProbe.WithEnvironment(marker), left => left.Count == 0, timeout, TimeSpan.FromMilliseconds(100));
}
