using FluentAssertions;
using ZeroDowntime.LocalCluster.Kubelet;
using Xunit;

namespace ZeroDowntime.LocalCluster.Tests.Kubelet;

public sealed class ContainerLogTests
{
    [Fact]
    public void The_ring_keeps_only_the_newest_lines()
    {
        var log = new ContainerLog(3);
        for (var i = 0; i < 5; i++)
        {
            log.Append(DateTimeOffset.UnixEpoch, LogStream.Stdout, $"line {i}");
        }

        log.Read(0).Lines.Select(l => l.Text).Should().Equal("line 2", "line 3", "line 4");
        log.Read(4).Lines.Select(l => l.Text).Should().Equal("line 4");
    }

    [Fact]
    public async Task A_follower_is_woken_by_new_lines_and_by_completion()
    {
        var log = new ContainerLog(10);
        var (_, next, completed, changed) = log.Read(0);
        completed.Should().BeFalse();
        changed.IsCompleted.Should().BeFalse();

        log.Append(DateTimeOffset.UnixEpoch, LogStream.Stderr, "hello");
        await changed.WaitAsync(TimeSpan.FromSeconds(5));
        var read = log.Read(next);
        read.Lines.Should().ContainSingle().Which.Stream.Should().Be(LogStream.Stderr);

        log.Complete();
        await read.Changed.WaitAsync(TimeSpan.FromSeconds(5));
        log.Read(read.Next).Completed.Should().BeTrue();
    }
}
