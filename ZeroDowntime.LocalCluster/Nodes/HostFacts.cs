using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace ZeroDowntime.LocalCluster.Nodes;

/// <summary>
/// What a kubelet reads from its machine for <c>status.nodeInfo</c>, read from the host the local
/// cluster runs on (every local node shares it): kernel release, OS image, OS and architecture in
/// Go's spelling, and the host's machine id from which each node's stable ids are derived.
/// </summary>
public sealed class HostFacts
{
    private HostFacts(string kernelVersion, string osImage, string operatingSystem, string architecture, string machineId)
    {
        KernelVersion = kernelVersion;
        OsImage = osImage;
        OperatingSystem = operatingSystem;
        Architecture = architecture;
        MachineId = machineId;
    }

    /// <summary>The facts of this machine, read once.</summary>
    public static HostFacts Current { get; } = Read();

    /// <summary><c>uname -r</c>, e.g. <c>6.8.0-45-generic</c>.</summary>
    public string KernelVersion { get; }

    /// <summary>PRETTY_NAME from <c>/etc/os-release</c>, e.g. <c>Debian GNU/Linux 12 (bookworm)</c>.</summary>
    public string OsImage { get; }

    /// <summary>GOOS: <c>linux</c>, <c>darwin</c> or <c>windows</c>.</summary>
    public string OperatingSystem { get; }

    /// <summary>GOARCH: <c>amd64</c>, <c>arm64</c>...</summary>
    public string Architecture { get; }

    /// <summary>The host's <c>/etc/machine-id</c> (or its host name where there is none).</summary>
    public string MachineId { get; }

    /// <summary>A 32-hex-digit machine id for <paramref name="nodeName"/>: stable across restarts, different per node.</summary>
    public string NodeMachineId(string nodeName) => Convert.ToHexString(Hash("machine-id", nodeName), 0, 16).ToLowerInvariant();

    /// <summary>A UUID standing for the node's SMBIOS system UUID: stable across restarts, different per node.</summary>
    public string NodeSystemUuid(string nodeName) => new Guid(Hash("system-uuid", nodeName).AsSpan(0, 16)).ToString();

    /// <summary>The Go name of an architecture.</summary>
    public static string GoArchitecture(Architecture architecture) => architecture switch
    {
        System.Runtime.InteropServices.Architecture.X64 => "amd64",
        System.Runtime.InteropServices.Architecture.Arm64 => "arm64",
        System.Runtime.InteropServices.Architecture.X86 => "386",
        System.Runtime.InteropServices.Architecture.Arm => "arm",
        System.Runtime.InteropServices.Architecture.S390x => "s390x",
        System.Runtime.InteropServices.Architecture.Ppc64le => "ppc64le",
        System.Runtime.InteropServices.Architecture.RiscV64 => "riscv64",
        System.Runtime.InteropServices.Architecture.LoongArch64 => "loong64",
        _ => architecture.ToString().ToLowerInvariant(),
    };

    /// <summary>PRETTY_NAME from the text of an os-release file, or null.</summary>
    public static string? PrettyName(string osRelease)
    {
        foreach (var line in osRelease.Split('\n'))
        {
            if (line.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))
            {
                var value = line["PRETTY_NAME=".Length..].Trim();
                return value.Length >= 2 && value[0] is '"' or '\'' && value[^1] == value[0] ? value[1..^1] : value;
            }
        }

        return null;
    }

    private byte[] Hash(string purpose, string nodeName) => SHA256.HashData(Encoding.UTF8.GetBytes($"{MachineId}/{purpose}/{nodeName}"));

    private static HostFacts Read()
    {
        var os = System.OperatingSystem.IsLinux() ? "linux" : System.OperatingSystem.IsMacOS() ? "darwin" : System.OperatingSystem.IsWindows() ? "windows" : "unknown";
        var kernel = ReadText("/proc/sys/kernel/osrelease") ?? Environment.OSVersion.Version.ToString();
        var image = (ReadText("/etc/os-release") ?? ReadText("/usr/lib/os-release")) is { } release && PrettyName(release) is { Length: > 0 } pretty
            ? pretty
            : RuntimeInformation.OSDescription;
        var machineId = ReadText("/etc/machine-id") ?? ReadText("/var/lib/dbus/machine-id") ?? Environment.MachineName;
        return new HostFacts(kernel, image, os, GoArchitecture(RuntimeInformation.OSArchitecture), machineId);
    }

    private static string? ReadText(string path)
    {
        try
        {
            return File.Exists(path) && File.ReadAllText(path).Trim() is { Length: > 0 } text ? text : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
