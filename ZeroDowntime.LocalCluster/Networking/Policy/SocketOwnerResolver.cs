using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ZeroDowntime.LocalCluster.Networking.Policy;

/// <summary>
/// Finds which pod opened a connection that reached a proxy. Every pod shares the host's loopback and
/// its processes connect out without binding a source address, so the address says nothing; the
/// socket does. The client end of the connection is looked up in <c>/proc/net/tcp</c> (and
/// <c>tcp6</c>, for dual-mode sockets) by its address and port, which gives the socket's inode; the
/// process holding that inode among the registered pod process groups (and their descendants) names the
/// pod. Linux only, like the kubelet; a few milliseconds per lookup, done only while a policy exists.
/// </summary>
internal sealed class SocketOwnerResolver(PodProcessRegistry registry)
{
    private const int MaxTreeDepth = 6;

    /// <summary>The uid of the pod whose process holds the socket <paramref name="clientEnd"/> connected to <paramref name="proxyEnd"/>, or null (not a pod).</summary>
    public string? PodUidOf(IPEndPoint clientEnd, IPEndPoint proxyEnd)
    {
        if (FindInode(clientEnd, proxyEnd) is not { } inode)
        {
            return null;
        }

        var link = $"socket:[{inode.ToString(CultureInfo.InvariantCulture)}]";
        foreach (var (group, uid) in registry.Snapshot())
        {
            if (ProcessTree(group).Any(pid => HoldsSocket(pid, link)))
            {
                return uid;
            }
        }

        return null;
    }

    /// <summary>The inode of the socket whose local end is <paramref name="local"/> and remote end <paramref name="remote"/>.</summary>
    internal static long? FindInode(IPEndPoint local, IPEndPoint remote)
    {
        var v4Local = Normalize(local);
        var v4Remote = Normalize(remote);
        if (v4Local.AddressFamily == AddressFamily.InterNetwork && v4Remote.AddressFamily == AddressFamily.InterNetwork)
        {
            return Search("/proc/net/tcp", Hex4(v4Local), Hex4(v4Remote))
                ?? Search("/proc/net/tcp6", Hex6(v4Local), Hex6(v4Remote));
        }

        return Search("/proc/net/tcp6", Hex6(local), Hex6(remote));
    }

    /// <summary>The address as /proc/net/tcp prints it: the IPv4 bytes as one host-order word, then the port.</summary>
    internal static string Hex4(IPEndPoint endpoint) =>
        $"{BitConverter.ToUInt32(endpoint.Address.GetAddressBytes()):X8}:{endpoint.Port:X4}";

    /// <summary>The address as /proc/net/tcp6 prints it: four host-order words (IPv4 as ::ffff:a.b.c.d), then the port.</summary>
    internal static string Hex6(IPEndPoint endpoint)
    {
        var address = endpoint.Address.AddressFamily == AddressFamily.InterNetwork ? endpoint.Address.MapToIPv6() : endpoint.Address;
        var bytes = address.GetAddressBytes();
        var words = Enumerable.Range(0, 4).Select(i => BitConverter.ToUInt32(bytes, i * 4).ToString("X8", CultureInfo.InvariantCulture));
        return $"{string.Concat(words)}:{endpoint.Port:X4}";
    }

    private static IPEndPoint Normalize(IPEndPoint endpoint) =>
        endpoint.Address.IsIPv4MappedToIPv6 ? new IPEndPoint(endpoint.Address.MapToIPv4(), endpoint.Port) : endpoint;

    private static long? Search(string table, string local, string remote)
    {
        try
        {
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                // "  sl  local_address rem_address   st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ..."
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length > 9 && fields[1] == local && fields[2] == remote
                    && long.TryParse(fields[9], NumberStyles.None, CultureInfo.InvariantCulture, out var inode) && inode != 0)
                {
                    return inode;
                }
            }
        }
        catch (IOException)
        {
            // No such table (IPv6 disabled).
        }

        return null;
    }

    // The group leader and everything it started, through /proc/PID/task/TID/children (every thread can fork).
    private static IEnumerable<int> ProcessTree(int root)
    {
        var seen = new HashSet<int>();
        var level = new List<int> { root };
        for (var depth = 0; depth < MaxTreeDepth && level.Count > 0; depth++)
        {
            var next = new List<int>();
            foreach (var pid in level.Where(seen.Add))
            {
                yield return pid;
                next.AddRange(Children(pid));
            }

            level = next;
        }
    }

    private static IEnumerable<int> Children(int pid)
    {
        var children = new List<int>();
        try
        {
            foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
            {
                var text = File.ReadAllText(Path.Combine(task, "children"));
                children.AddRange(text.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                    .Select(s => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var child) ? child : 0).Where(c => c > 0));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The process exited meanwhile.
        }

        return children;
    }

    private static bool HoldsSocket(int pid, string link)
    {
        try
        {
            foreach (var fd in Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd"))
            {
                if (new FileInfo(fd).LinkTarget == link)
                {
                    return true;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Gone, or not ours to read.
        }

        return false;
    }
}
