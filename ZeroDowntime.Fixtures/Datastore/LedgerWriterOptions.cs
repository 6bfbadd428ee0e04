using ZeroDowntime.Fixtures.Configuration;

namespace ZeroDowntime.Fixtures.Datastore;

/// <summary>What a <see cref="LedgerWriter"/> writes and when it counts a write as stored.</summary>
/// <param name="Key">The Redis list the entries go to (one per run).</param>
/// <param name="RatePerSecond">Writes started per second, one at a time.</param>
/// <param name="WriteTimeout">A write (Sentinel question, push and acknowledgement) slower than this is not acknowledged.</param>
/// <param name="Acknowledge">Primary alone, or primary and a replica (<c>WAIT 1</c>).</param>
/// <param name="ReplicaAckTimeout">How long <c>WAIT 1</c> waits for a replica.</param>
public sealed record LedgerWriterOptions(string Key, double RatePerSecond, TimeSpan WriteTimeout, WriteAcknowledgement Acknowledge, TimeSpan ReplicaAckTimeout);
