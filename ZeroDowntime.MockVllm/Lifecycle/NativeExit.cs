using System.Runtime.InteropServices;

namespace ZeroDowntime.MockVllm.Lifecycle;

/// <summary>Ends the process without running shutdown handlers, so open connections are dropped like a crash.</summary>
internal static class NativeExit
{
    public static void Now(int exitCode)
    {
        if (OperatingSystem.IsWindows())
        {
            Environment.FailFast($"abrupt termination (exit code {exitCode})");
        }
        // Environment.Exit would run the host's graceful shutdown; libc _exit skips it.
        ExitImmediately(exitCode);
    }

#pragma warning disable SYSLIB1054 // LibraryImport would need AllowUnsafeBlocks for no gain here.
    [DllImport("libc", EntryPoint = "_exit")]
    private static extern void ExitImmediately(int status);
#pragma warning restore SYSLIB1054
}
