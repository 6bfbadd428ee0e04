using System.Net;
using System.Net.Sockets;
using FluentAssertions;
using ZeroDowntime.LocalCluster.Networking;
using Xunit;

namespace ZeroDowntime.LocalCluster.Tests.Networking;

public sealed class LoopbackAddressPoolTests
{
    [Fact]
    public void Addresses_are_distinct_and_inside_the_block()
    {
        var pool = new LoopbackAddressPool(77);

        var addresses = Enumerable.Range(0, 300).Select(_ => pool.Allocate([])).ToList();

        addresses.Should().OnlyHaveUniqueItems();
        addresses.Should().OnlyContain(a => pool.Contains(a) && a.GetAddressBytes()[3] != 0 && a.GetAddressBytes()[3] != 255);
    }

    [Fact]
    public void An_address_whose_port_is_taken_is_skipped()
    {
        var expectedFirst = new LoopbackAddressPool(78, 1000).Allocate([18000]);
        using var squatter = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        squatter.Bind(new IPEndPoint(expectedFirst, 18000));
        squatter.Listen();

        var chosen = new LoopbackAddressPool(78, 1000).Allocate([18000]);
        var withoutPorts = new LoopbackAddressPool(78, 1000).Allocate([]);

        chosen.Should().NotBe(expectedFirst);
        withoutPorts.Should().Be(expectedFirst);
    }
}
