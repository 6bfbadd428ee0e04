using System.Globalization;
using ZeroDowntime.Fixtures.Measurement;
using ZeroDowntime.MockVllm.Connections;

namespace ZeroDowntime.Fixtures.Connections;

/// <summary>
/// The connection traffic in the test process: MockVllm's <see cref="ConnectionTrafficClient"/>, the
/// same code the in-cluster Job runs, stamping records with the <see cref="MeasurementClock"/> so they
/// line up with the pod events.
/// </summary>
/// <example><code>
/// await using var traffic = new BuiltInConnectionTraffic(new ConnectionTrafficOptions { Host = "127.30.0.5", Port = 5003, Connections = 80 });
/// await traffic.StartAsync(TimeSpan.FromSeconds(30));
/// var records = await traffic.StopAsync();
/// </code></example>
public sealed class BuiltInConnectionTraffic : IConnectionTraffic
{
    /// <summary>The name reports show.</summary>
    public const string GeneratorName = "builtin";

    private readonly ConnectionTrafficClient _client;

    /// <summary>Creates the traffic; nothing connects before <see cref="StartAsync"/>.</summary>
    public BuiltInConnectionTraffic(ConnectionTrafficOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _client = new ConnectionTrafficClient(options with { Clock = () => MeasurementClock.UtcNow });
        Target = string.Create(CultureInfo.InvariantCulture, $"{options.Host}:{options.Port}");
        Connections = options.Connections;
    }

    /// <inheritdoc />
    public string Name => GeneratorName;

    /// <inheritdoc />
    public string Target { get; }

    /// <summary>Connections kept open.</summary>
    public int Connections { get; }

    /// <inheritdoc />
    public IReadOnlyList<ConnectionRecord> Records => _client.Records;

    /// <inheritdoc />
    public async Task StartAsync(TimeSpan deadline, CancellationToken cancellationToken = default)
    {
        _client.Start();
        try
        {
            await _client.AllEstablished.WaitAsync(deadline, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            var failed = _client.Records.Where(r => r.IsFailedConnect).Select(r => r.Detail).GroupBy(d => d).OrderByDescending(g => g.Count())
                .Select(g => $"{g.Count()} × {g.Key}").FirstOrDefault() ?? "no failed connect recorded";
            throw new TimeoutException(string.Create(CultureInfo.InvariantCulture,
                $"Only {_client.EstablishedSlots} of {Connections} connections to {Target} were established within {deadline.TotalSeconds:0.#} s (ZD_TIMING__LOAD__START_TIMEOUT); failed connects: {failed}."));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ConnectionRecord>> StopAsync(CancellationToken cancellationToken = default) => _client.StopAsync();

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _client.DisposeAsync();
}
