using FluentAssertions;
using Xunit;
using Xunit.Abstractions;
using ZeroDowntime.Fixtures.Configuration;
using ZeroDowntime.Fixtures.Datastore;

namespace ZeroDowntime.Fixtures.Tests.Datastore;

/// <summary>The ledger writer through a real Sentinel failover: acknowledged-by-a-replica writes survive it, primary-only ones can be lost.</summary>
public sealed class LedgerWriterTests(ITestOutputHelper output)
{
    [RedisServerFact]
    public async Task Writes_a_replica_confirmed_survive_the_primary_being_killed()
    {
        await using var trio = await RedisTrio.StartAsync();
        var (check, attempts) = await FailOverUnderWritesAsync(trio, WriteAcknowledgement.Replica, cutReplicationFirst: false);

        check.Lost.Should().Be(0, check.ToString());
        check.Unexpected.Should().Be(0);
        check.Acknowledged.Should().BeGreaterThan(10);
        attempts.Should().Contain(a => !a.Acknowledged && a.Primary == trio.Primary, "writes fail while the Sentinel still names the dead primary")
            .And.Contain(a => a.Primary == trio.Replica && a.Detail == "WAIT: no replica confirmed within 500 ms",
                "after the failover writes reach the promoted replica, which has no replica of its own to confirm them");
        check.Recovered.Should().BeGreaterThan(0, "what the promoted replica took without a confirmation is in the final read");
    }

    [RedisServerFact]
    public async Task Writes_only_the_primary_took_are_lost_when_it_dies_with_its_replica_cut_off()
    {
        await using var trio = await RedisTrio.StartAsync();
        var (check, _) = await FailOverUnderWritesAsync(trio, WriteAcknowledgement.Primary, cutReplicationFirst: true);

        check.Lost.Should().BeGreaterThan(0, check.ToString());
        check.LostEntries.Should().NotBeEmpty().And.BeInAscendingOrder();
        check.Valid.Should().BeFalse();
    }

    private async Task<(LedgerCheck Check, IReadOnlyList<LedgerAttempt> Attempts)> FailOverUnderWritesAsync(RedisTrio trio, WriteAcknowledgement acknowledge, bool cutReplicationFirst)
    {
        await using var datastore = new SentinelDatastore([trio.Sentinel], "mymaster", TimeSpan.FromSeconds(1));
        var file = Path.Combine(Path.GetTempPath(), $"zd-ledger-{Guid.NewGuid():N}.csv");
        using (var ledger = new LedgerFile(file))
        {
            await using var writer = new LedgerWriter(datastore, new LedgerWriterOptions("zd:ledger", 100, TimeSpan.FromSeconds(1), acknowledge, TimeSpan.FromMilliseconds(500)), ledger);
            writer.Start();
            await RedisTrio.Until(() => Task.FromResult(writer.Attempts.Count(a => a.Acknowledged) >= 20), "20 writes are acknowledged");
            if (cutReplicationFirst)
            {
                await datastore.CutOffAsync(trio.Replica);
                var cut = writer.Attempts.Count;
                await RedisTrio.Until(() => Task.FromResult(writer.Attempts.Skip(cut).Count(a => a.Acknowledged) >= 20), "20 writes are acknowledged by the cut-off primary");
            }

            trio.KillPrimary();
            await RedisTrio.Until(async () => (await datastore.AskPrimaryAsync()).Primary == trio.Replica, "the Sentinel names the replica", trio.SentinelLog);
            var promoted = writer.Attempts.Count;
            await RedisTrio.Until(() => Task.FromResult(writer.Attempts.Skip(promoted).Count(a => a.Acknowledged) >= 10 || acknowledge == WriteAcknowledgement.Replica && writer.Attempts.Count > promoted + 20),
                "writes go on after the failover");
            var attempts = await writer.StopAsync();
            var read = await datastore.ReadLedgerAsync(trio.Replica, "zd:ledger");
            ledger.Write(read);
            var check = LedgerChecker.Check(attempts, read);
            output.WriteLine($"{acknowledge}: {check}; lost {LedgerChecker.Describe(check.LostEntries, check.Lost)}");
            var lines = await File.ReadAllLinesAsync(file);
            lines[0].Should().Be(LedgerFile.Header);
            lines.Count(l => l.StartsWith("attempt,", StringComparison.Ordinal)).Should().Be(attempts.Count, "every attempt is in the raw ledger");
            lines.Count(l => l.StartsWith("read,", StringComparison.Ordinal)).Should().Be(read.Entries.Count);
            File.Delete(file);
            return (check, attempts);
        }
    }
}
