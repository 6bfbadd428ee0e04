using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using FluentAssertions;
using ZeroDowntime.LocalCluster.Networking.Policy;
using Xunit;
using Xunit.Abstractions;

namespace ZeroDowntime.LocalCluster.Tests.Networking;

/// <summary>How NetworkPolicy knows which pod opened a connection: the client socket's owner, found through /proc.</summary>
public sealed class SocketOwnerResolverTests(ITestOutputHelper output)
{
    private static readonly TimeSpan ConnectDeadline = TimeSpan.FromSeconds(20);

    [Fact]
    public void Endpoints_are_written_as_proc_net_tcp_and_tcp6_print_them()
    {
        var endpoint = new IPEndPoint(IPAddress.Parse("127.10.1.2"), 8080);

        SocketOwnerResolver.Hex4(endpoint).Should().Be("02010A7F:1F90");
        SocketOwnerResolver.Hex6(endpoint).Should().Be("0000000000000000FFFF000002010A7F:1F90");
    }

    [Fact]
    public async Task A_connection_is_traced_to_the_registered_process_group_that_opened_it_and_to_nobody_otherwise()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        var port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        var registry = new PodProcessRegistry();
        var resolver = new SocketOwnerResolver(registry);

        // bash opens the connection (IPv4, /proc/net/tcp) and holds it until its stdin closes.
        using var child = Process.Start(new ProcessStartInfo("bash", ["-c", $"exec 3<>/dev/tcp/127.0.0.1/{port}; read -r _"]) { RedirectStandardInput = true })!;
        registry.Register(child.Id, "pod-uid-1");
        using var fromChild = await listener.AcceptAsync().WaitAsync(ConnectDeadline);

        // This process's own dual-mode client shows up in /proc/net/tcp6 and belongs to no registered group.
        using var own = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await own.ConnectAsync(IPAddress.Loopback, port).WaitAsync(ConnectDeadline);
        using var fromUs = await listener.AcceptAsync().WaitAsync(ConnectDeadline);

        try
        {
            var clock = Stopwatch.StartNew();
            var owner = resolver.PodUidOf((IPEndPoint)fromChild.RemoteEndPoint!, (IPEndPoint)fromChild.LocalEndPoint!);
            output.WriteLine($"lookup took {clock.Elapsed.TotalMilliseconds:0.0} ms with {File.ReadLines("/proc/net/tcp").Count()} lines in /proc/net/tcp");
            owner.Should().Be("pod-uid-1");
            SocketOwnerResolver.FindInode((IPEndPoint)own.LocalEndPoint!, (IPEndPoint)own.RemoteEndPoint!).Should().NotBeNull("the client end is found in tcp6 too");
            resolver.PodUidOf((IPEndPoint)fromUs.RemoteEndPoint!, (IPEndPoint)fromUs.LocalEndPoint!).Should().BeNull();
        }
        finally
        {
            child.StandardInput.Close();
            await child.WaitForExitAsync().WaitAsync(ConnectDeadline);
        }
    }
}
