using FluentAssertions;
using Xunit;
using ZeroDowntime.Fixtures.Measurement;
using static ZeroDowntime.Fixtures.Tests.Measurement.Timelines;

namespace ZeroDowntime.Fixtures.Tests.Measurement;

public class AttemptLogTests
{
    [Fact]
    public async Task Concurrent_recording_keeps_every_attempt_across_chunk_boundaries()
    {
        var log = new AttemptLog();
        const int writers = 8, perWriter = 2_500; // 20,000 records: several 4,096-record chunks

        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(() =>
        {
            for (var i = 0; i < perWriter; i++)
            {
                log.Add(Ok(i * 0.001, sequence: (w * perWriter) + i));
            }
        })));

        log.Count.Should().Be(writers * perWriter);
        log.Snapshot().Select(a => a.Sequence).Order().Should().Equal(Enumerable.Range(0, writers * perWriter).Select(i => (long)i));
    }
}
