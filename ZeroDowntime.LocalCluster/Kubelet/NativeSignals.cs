using System.Runtime.InteropServices;

namespace ZeroDowntime.LocalCluster.Kubelet;

/// <summary>POSIX kill(2) for signalling a process or a whole process group.</summary>
internal static partial class NativeSignals
{
    public const int SigKill = 9;
    public const int SigTerm = 15;

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>; false when it no longer exists.</summary>
    public static bool Send(int pid, int signal) => OperatingSystem.IsWindows() ? false : kill(pid, signal) == 0;

    /// <summary>Sends <paramref name="signal"/> to every process in group <paramref name="pgid"/>.</summary>
    public static bool SendToGroup(int pgid, int signal) => pgid > 1 && Send(-pgid, signal);

    [DllImport("libc", SetLastError = true)]
#pragma warning disable SYSLIB1054 // A plain int signature needs no source-generated marshalling.
    private static extern int kill(int pid, int sig);
#pragma warning restore SYSLIB1054
}
