using FluentAssertions;
using Xunit;
using ZeroDowntime.Fixtures.Probes;

namespace ZeroDowntime.Fixtures.Tests.Probes;

public class ThreadPoolHeadroomTests
{
    [Fact]
    public void Leaves_room_beyond_the_two_threads_the_test_host_blocks()
    {
        ThreadPoolHeadroom.Ensure();

        ThreadPool.GetMinThreads(out var workers, out _);
        workers.Should().BeGreaterThanOrEqualTo(ThreadPoolHeadroom.Target);
        ThreadPoolHeadroom.Target.Should().BeGreaterThanOrEqualTo(2 + Environment.ProcessorCount, "two threads are blocked by vstest and the xUnit adapter for the whole run");
    }
}
