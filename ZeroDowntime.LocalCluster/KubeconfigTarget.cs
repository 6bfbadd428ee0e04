namespace ZeroDowntime.LocalCluster;

/// <summary>Whether <c>up</c> can write its kubeconfig, checked before the cluster starts.</summary>
internal static class KubeconfigTarget
{
    /// <summary>Null when a file can be written at <paramref name="path"/> (its folder is created); else the OS's reason in a few words.</summary>
    public static string? Unwritable(string path)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            return "it is a folder";
        }

        var folder = Path.GetDirectoryName(full)!;
        var probe = Path.Combine(folder, $".zd-up-write-test-{Environment.ProcessId}");
        try
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(probe, "");
            File.Delete(probe);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // .NET reports ENOTDIR as "could not find a part of the path": name the file in the way instead.
            for (var dir = folder; !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir))
            {
                if (File.Exists(dir))
                {
                    return $"{dir} is a file, not a folder";
                }
            }

            return e.Message.TrimEnd('.');
        }
    }
}
