namespace ZeroDowntime.LocalCluster.Kubelet;

/// <summary>
/// The kubelet's files under one temporary root (<c>$TMPDIR/zd-kubelet-&lt;instance&gt;/</c>): each container's
/// private working directory (its writable layer: Sentinel rewrites its config file there), and the
/// <c>bin/</c> folder that puts the image's <c>redis-server</c> on a redis container's PATH when that program is
/// the Garnet stand-in. Pod folders go with their pod; the root goes with the kubelet.
/// </summary>
internal sealed class KubeletFiles(string instanceId)
{
    /// <summary>The root folder; created on first use.</summary>
    public string Root { get; } = Path.Combine(Path.GetTempPath(), $"zd-kubelet-{instanceId}");

    /// <summary>
    /// A fresh, empty working directory for one run of a container, as a restarted container gets a fresh
    /// writable layer from its image. The previous run's files are removed.
    /// </summary>
    public string FreshContainerDirectory(string podUid, string container)
    {
        var directory = Path.Combine(Root, "pods", podUid, container);
        TryDelete(directory);
        Directory.CreateDirectory(directory);
        return directory;
    }

    /// <summary>Removes the pod's working directories (the pod is gone).</summary>
    public void RemovePod(string podUid) => TryDelete(Path.Combine(Root, "pods", podUid));

    /// <summary>
    /// A folder holding an executable <c>redis-server</c> that runs <paramref name="argv"/> with the caller's
    /// arguments appended, so a container's own command (a shell script) finds the same program the image's
    /// entrypoint would run. <c>redis-server --version</c> prints <paramref name="version"/> at once (scripts ask it
    /// to tell Redis from the stand-in; starting .NET for that would cost a second of CPU per pod). Written once per kubelet.
    /// </summary>
    public string RedisServerBin(IReadOnlyList<string> argv, string version)
    {
        var bin = Path.Combine(Root, "bin");
        var script = Path.Combine(bin, "redis-server");
        lock (this)
        {
            if (!File.Exists(script))
            {
                Directory.CreateDirectory(bin);
                var quoted = string.Join(' ', argv.Select(a => "'" + a.Replace("'", "'\\''", StringComparison.Ordinal) + "'"));
                var text = "'" + version.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
                File.WriteAllText(script, "#!/bin/sh\n# The local kubelet's redis-server for redis images: the Garnet stand-in.\n" +
                    $"if [ \"$1\" = --version ]; then echo {text}; exit 0; fi\nexec {quoted} \"$@\"\n");
                if (!OperatingSystem.IsWindows()) // the process kubelet is Linux-only; this keeps the analyzer honest
                {
                    File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                    | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
                }
            }
        }

        return bin;
    }

    /// <summary>Removes everything (the kubelet stopped).</summary>
    public void RemoveAll() => TryDelete(Root);

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A file a dying process still holds open; the next cleanup or the OS's tmp cleaning takes it.
        }
    }
}
